package no.vern.connectors.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import no.vern.shared.DatabaseEndpoint;

/**
 * A real second PostgreSQL database on the embedded server, playing an external CRM: customers, orders kept
 * for accounting (masked on erasure) and newsletter subscriptions (email nulled on erasure). Its
 * credentials are written to a secrets file, referenced by the connector as {@code file:<name>}.
 */
public final class CrmDatabase {

    final String name = "crm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String url;
    final String secretRef;
    final JdbcClient jdbc;

    CrmDatabase(DatabaseEndpoint endpoint, Path secretsDir) {
        try (Connection c = DriverManager.getConnection(endpoint.url(), endpoint.user(), endpoint.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String base = endpoint.url().replaceFirst("\\?.*$", "");
        url = base.substring(0, base.lastIndexOf('/') + 1) + name;
        secretRef = "file:" + name.replace('_', '-');
        try {
            Files.createDirectories(secretsDir);
            Files.writeString(secretsDir.resolve(name.replace('_', '-') + ".properties"),
                    "user=" + endpoint.user() + "\npassword=" + endpoint.password() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc = JdbcClient.create(new SingleConnectionDataSource(url, endpoint.user(), endpoint.password(), true));
        jdbc.sql("""
                CREATE TABLE customer (id SERIAL PRIMARY KEY, full_name TEXT, email TEXT, mobile TEXT, segment TEXT);
                CREATE TABLE orders (id SERIAL PRIMARY KEY, customer_email TEXT, product TEXT, amount NUMERIC(10,2), delivery_address TEXT);
                CREATE TABLE newsletter (id SERIAL PRIMARY KEY, email TEXT, topic TEXT)""").update();
    }

    /** The dataset description of this CRM (YAML), as an operator would write it. */
    String config() {
        return description(url, secretRef);
    }

    /** The dataset description of a CRM with this schema at the URL, with the credentials reference. */
    public static String description(String url, String secretRef) {
        return """
                url: %s
                credentials: %s
                tables:
                  - name: orders
                    identity: { email: customer_email }
                    categories:
                      purchase-history: [product, amount]
                      postal-address: [delivery_address]
                    erase: { action: MASK, fields: [customer_email, delivery_address], value: "slettet" }
                  - name: newsletter
                    identity: { email: email }
                    categories:
                      email: [email]
                    erase: { action: NULL_FIELDS, fields: [email] }
                  - name: customer
                    identity: { email: email, phone: mobile }
                    categories:
                      name: [full_name]
                      email: [email]
                      phone: [mobile]
                    erase: { action: DELETE_ROW }
                """.formatted(url, secretRef);
    }

    void addPerson(String fullName, String email, String mobile, String product, String address) {
        jdbc.sql("INSERT INTO customer (full_name, email, mobile, segment) VALUES (?, ?, ?, 'b2c')").params(fullName, email, mobile).update();
        jdbc.sql("INSERT INTO orders (customer_email, product, amount, delivery_address) VALUES (?, ?, 499.00, ?)")
                .params(email, product, address).update();
        jdbc.sql("INSERT INTO newsletter (email, topic) VALUES (?, 'nyheter')").params(email).update();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
