package no.vern.connectors.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import no.vern.connectors.ConnectorRegistry;
import no.vern.connectors.ConnectorType;
import no.vern.connectors.NewConnector;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;

/**
 * In demo mode on the embedded server: an invented "CRM" database ({@code vern_demo_crm}, a real second
 * database with customers, orders and newsletter rows for some of the demo people) registered as a JDBC
 * connector, and a manual-task connector for accounting, so a demo access or erasure request reaches them.
 */
@Component
class DemoConnectors implements DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoConnectors.class);
    static final String DATABASE = "vern_demo_crm";
    private static final Actor DEMO = Actor.system("connectors-demo");
    private static final String[][] CUSTOMERS = {
            { "Solveig Aasheim", "solveig.aasheim@example.no", "+4791234501", "Fjellsko Trolltind", "Bergveien 3, 5003 Bergen" },
            { "Torbjørn Kvamme", "torbjorn.kvamme@example.no", "+4791234502", "Regnjakke Stormkast", "Kvammegata 12, 7011 Trondheim" },
            { "Halvard Nesheim", "halvard.nesheim@example.no", "+4791234503", "Sovepose Polar", "Nesheimvegen 7, 3510 Hønefoss" },
            { "Kari Demodatter", "kari.demodatter@example.no", "+4791234504", "Hodelykt Mørketid", "Lysveien 1, 9008 Tromsø" } };

    private final DemoMode demo;
    private final DatabaseEndpoint endpoint;
    private final ConnectorRegistry registry;

    DemoConnectors(DemoMode demo, DatabaseEndpoint endpoint, ConnectorRegistry registry) {
        this.demo = demo;
        this.endpoint = endpoint;
        this.registry = registry;
    }

    @Override
    public int order() {
        return DemoData.USES;
    }

    @Override
    public void load() {
        try {
            connectDemoSystems();
        } catch (Exception e) {
            throw new IllegalStateException("The demo connectors could not be set up", e);
        }
    }

    private void connectDemoSystems() throws Exception {
        if (!demo.enabled() || !endpoint.embedded() || !registry.list().isEmpty()) {
            return;
        }
        String url = createCrm();
        Path secrets = demo.directory().resolve("secrets");
        Files.createDirectories(secrets);
        Path file = secrets.resolve("demo-crm.properties");
        Files.writeString(file, "# Demo CRM on the embedded server (invented data)\nuser=" + endpoint.user() + "\npassword="
                + endpoint.password() + "\n");
        restrict(file);
        Actors.runAs(DEMO, () -> {
            // The demo's own connectors are approved by the demo set-up (named as such in the audit log).
            var crm = registry.register(new NewConnector("CRM (demo)", "Salgsavdelingen", null, ConnectorType.JDBC,
                    List.of("customers", "prospects"), """
                            url: %s
                            credentials: file:demo-crm
                            tables:
                              - name: orders
                                identity: { email: customer_email }
                                categories:
                                  purchase-history: [product, amount, ordered_on]
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
                            """.formatted(url)));
            registry.approve(crm.id());
            var accounting = registry.register(new NewConnector("Regnskap (demo)", "Økonomiavdelingen", "regnskap@fjellvik.example", ConnectorType.MANUAL,
                    List.of("customers", "partners"),
                    "instructions: Søk i kundereskontro og bilagsarkiv (Tripletex). Fakturaer må beholdes i fem år (bokføringsloven § 13); anonymiser kontaktfeltene."));
            registry.approve(accounting.id());
        });
        log.info("Demo connectors registered: a JDBC CRM with {} customers and a manual accounting task", CUSTOMERS.length);
    }

    /** Creates the demo CRM database with invented rows unless it exists; returns its JDBC URL. */
    private String createCrm() throws SQLException {
        try (Connection c = DriverManager.getConnection(endpoint.url(), endpoint.user(), endpoint.password());
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + DATABASE);
                    }
                }
            }
        }
        String base = endpoint.url().replaceFirst("\\?.*$", "");
        String url = base.substring(0, base.lastIndexOf('/') + 1) + DATABASE;
        try (Connection c = DriverManager.getConnection(url, endpoint.user(), endpoint.password()); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS customer (id SERIAL PRIMARY KEY, full_name TEXT, email TEXT, mobile TEXT, segment TEXT);
                    CREATE TABLE IF NOT EXISTS orders (id SERIAL PRIMARY KEY, customer_email TEXT, product TEXT, amount NUMERIC(10,2),
                                                       ordered_on DATE, delivery_address TEXT);
                    CREATE TABLE IF NOT EXISTS newsletter (id SERIAL PRIMARY KEY, email TEXT, topic TEXT)""");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM customer")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    insertRows(c);
                }
            }
        }
        return url;
    }

    private static void insertRows(Connection c) throws SQLException {
        try (PreparedStatement customer = c.prepareStatement("INSERT INTO customer (full_name, email, mobile, segment) VALUES (?, ?, ?, 'privat')");
                PreparedStatement order = c.prepareStatement(
                        "INSERT INTO orders (customer_email, product, amount, ordered_on, delivery_address) VALUES (?, ?, 1290.00, DATE '2026-03-14', ?)");
                PreparedStatement newsletter = c.prepareStatement("INSERT INTO newsletter (email, topic) VALUES (?, 'turtips')")) {
            for (String[] p : CUSTOMERS) {
                customer.setString(1, p[0]);
                customer.setString(2, p[1]);
                customer.setString(3, p[2]);
                customer.executeUpdate();
                order.setString(1, p[1]);
                order.setString(2, p[3]);
                order.setString(3, p[4]);
                order.executeUpdate();
                newsletter.setString(1, p[1]);
                newsletter.executeUpdate();
            }
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Could not restrict the demo secrets file's permissions");
        }
    }
}
