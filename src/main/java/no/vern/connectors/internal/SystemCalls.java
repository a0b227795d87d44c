package no.vern.connectors.internal;

import no.vern.shared.WebhookClient;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

import no.vern.connectors.Connector;
import no.vern.requests.Operation;
import no.vern.requests.SystemStep;
import no.vern.shared.Mail;
import no.vern.shared.MailNotSent;
import no.vern.shared.OutgoingMail;

/**
 * Reaches one system for one step, by connector type: SQL for JDBC, a signed call for webhooks, a task mail
 * for manual systems. Failures carry a detail without personal data and say whether a retry may help.
 */
final class SystemCalls {

    private static final Locale NORWEGIAN = Locale.forLanguageTag("nb");

    enum Kind { DONE, AWAITING_CALLBACK, AWAITING_PERSON }

    /** What a call led to. */
    record Outcome(Kind kind, Found found, byte[] taskTokenHash) {
        static Outcome done(Found found) {
            return new Outcome(Kind.DONE, found, new byte[0]);
        }
    }

    /** A failed call (detail without personal data). */
    static final class StepFailed extends Exception {
        private final boolean retryable;

        private final StepDetail detail;

        StepFailed(StepDetail detail, boolean retryable) {
            super(detail.english());
            this.detail = detail;
            this.retryable = retryable;
        }

        /** What failed, with its message code for the console. */
        StepDetail detail() {
            return detail;
        }

        @Override
        public String getMessage() {
            return Objects.requireNonNull(super.getMessage());
        }

        boolean retryable() {
            return retryable;
        }
    }

    private final JdbcSystem jdbc;
    private final WebhookSystem webhooks;
    private final OutgoingMail mail;
    private final MessageSource messages;
    private final ConnectorsProperties properties;
    private final String baseUrl;

    SystemCalls(JdbcSystem jdbc, WebhookSystem webhooks, OutgoingMail mail, MessageSource messages,
            ConnectorsProperties properties, String baseUrl) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
        this.mail = mail;
        this.messages = messages;
        this.properties = properties;
        this.baseUrl = baseUrl;
    }

    ConnectorConfig config(Connector connector) {
        return ConnectorConfig.parse(connector.type(), connector.config());
    }

    Outcome run(Connector connector, SystemStep step, Identifiers who) throws StepFailed {
        ConnectorConfig config = config(connector);
        if (who.isEmpty()) {
            return Outcome.done(Found.nothing(StepDetail.nothingToLookFor()));
        }
        if (config instanceof ConnectorConfig.Jdbc spec) {
            return Outcome.done(jdbc(spec, step.operation(), who));
        }
        if (config instanceof ConnectorConfig.Webhook spec) {
            return webhook(spec, step, who);
        }
        return manual(connector, step);
    }

    /** An access without side effects, for dry runs (JDBC and webhooks; manual systems cannot be probed). */
    Found probe(Connector connector, Identifiers who) throws StepFailed {
        ConnectorConfig config = config(connector);
        if (config instanceof ConnectorConfig.Jdbc spec) {
            return jdbc(spec, Operation.ACCESS, who);
        }
        throw new StepFailed(StepDetail.fixed("a dry run is only possible for JDBC connectors"), false);
    }

    /** A connection test; returns the detail. */
    StepDetail test(Connector connector) throws StepFailed {
        ConnectorConfig config = config(connector);
        try {
            if (config instanceof ConnectorConfig.Jdbc spec) {
                return jdbc.check(spec);
            }
            if (config instanceof ConnectorConfig.Webhook spec) {
                return webhooks.ping(spec);
            }
            if (connector.ownerEmail() == null) {
                throw new StepFailed(StepDetail.fixed("no email address for the responsible person"), false);
            }
            return StepDetail.fixed("tasks go to the responsible person by email");
        } catch (SQLException e) {
            throw new StepFailed(sqlDetail(e), true);
        } catch (WebhookClient.CallFailed e) {
            throw new StepFailed(detail(e), true);
        } catch (WebhookSystem.Rejected e) {
            throw new StepFailed(StepDetail.message(e.getMessage()), true);
        } catch (IllegalStateException e) {
            throw new StepFailed(StepDetail.message(e.getMessage()), false); // a missing secret: names the variable or file, never a value
        }
    }

    byte[] webhookSecret(ConnectorConfig.Webhook spec) {
        return webhooks.secret(spec);
    }

    Found webhookResult(byte[] body) throws WebhookSystem.Rejected {
        return webhooks.result(body);
    }

    private Found jdbc(ConnectorConfig.Jdbc spec, Operation operation, Identifiers who) throws StepFailed {
        try {
            return operation == Operation.ERASE ? jdbc.erase(spec, who) : jdbc.access(spec, who);
        } catch (SQLException e) {
            throw new StepFailed(sqlDetail(e), true);
        } catch (IllegalStateException e) {
            throw new StepFailed(StepDetail.message(e.getMessage()), true);
        }
    }

    private Outcome webhook(ConnectorConfig.Webhook spec, SystemStep step, Identifiers who) throws StepFailed {
        try {
            WebhookSystem.Reply reply = webhooks.call(spec, step.id(), step.caseId(), step.operation(), who,
                    WebhookSystem.callbackUri(baseUrl, step.id()).toString());
            if (reply.accepted()) {
                return new Outcome(Kind.AWAITING_CALLBACK, Found.nothing(StepDetail.fixed("accepted")), new byte[0]);
            }
            Found found = reply.found();
            if (found == null) {
                throw new StepFailed(StepDetail.fixed("the system answered without a result"), true);
            }
            return Outcome.done(found);
        } catch (WebhookClient.CallFailed e) {
            throw new StepFailed(detail(e), true);
        } catch (WebhookSystem.Rejected e) {
            throw new StepFailed(StepDetail.message(e.getMessage()), true);
        } catch (IllegalStateException e) {
            throw new StepFailed(StepDetail.message(e.getMessage()), true);
        }
    }

    /** A webhook failure before any HTTP answer says the same as a JDBC connection failure (no port-scan oracle). */
    private static StepDetail detail(WebhookClient.CallFailed e) {
        return e.unreachable() ? StepDetail.fixed(JdbcSystem.UNREACHABLE)
                : StepDetail.message(Objects.requireNonNullElse(e.getMessage(), "call failed"));
    }

    /**
     * Sends the responsible person a link to the task page; the identifiers are only on the page, not in the
     * mail. Sent immediately: the step is the durable record, and its own retries handle a failed send.
     */
    private Outcome manual(Connector connector, SystemStep step) throws StepFailed {
        if (connector.ownerEmail() == null) {
            throw new StepFailed(StepDetail.fixed("no email address for the responsible person"), false);
        }
        String token = ManualTasks.newToken();
        String link = baseUrl.replaceAll("/+$", "") + "/connectors/task/" + step.id() + "?t=" + token;
        String operation = messages.getMessage("connectors.operation." + step.operation(), null, NORWEGIAN);
        try {
            mail.send(Mail.fromTemplate(connector.ownerEmail(), messages, "connectors.task.mail", NORWEGIAN, operation,
                    connector.name(), link, properties.taskValidity().toDays()).immediately());
        } catch (MailNotSent e) {
            throw new StepFailed(StepDetail.fixed("task mail could not be sent"), true);
        }
        return new Outcome(Kind.AWAITING_PERSON, Found.nothing(StepDetail.fixed("task sent")), ManualTasks.hash(token));
    }

    /** Wraps SQL errors without their messages (which can quote values) but with our own metadata messages. */
    static StepDetail sqlDetail(SQLException e) {
        return e.getSQLState() == null ? StepDetail.message(Objects.requireNonNullElse(e.getMessage(), "database error"))
                : StepDetail.databaseError(e.getSQLState());
    }
}
