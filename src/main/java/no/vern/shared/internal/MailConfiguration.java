package no.vern.shared.internal;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import no.vern.shared.KernelCipher;
import no.vern.shared.MailSignature;

/** Wires outgoing mail: the outbox service every module sends through, and its retry job. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailSettings.class)
class MailConfiguration {

    @Bean
    OutboxMail outgoingMail(JdbcClient jdbc, KernelCipher cipher, JavaMailSender sender, MailSettings settings,
            PlatformTransactionManager transactions, Clock clock, MailSignature signature) {
        return new OutboxMail(new MailOutbox(jdbc), new SealedMail(cipher), new MailTransport(sender, signature),
                settings, transactions, clock, signature);
    }

    /** Retries what the first try after commit could not send, on one node at a time; survives restarts (state is in the rows). */
    @Bean
    RecurringTask<Void> mailOutboxTask(OutboxMail mail, MailSettings settings) {
        return Tasks.recurring("mail-outbox", FixedDelay.of(settings.retryInterval()))
                .execute((instance, context) -> mail.sendDue());
    }
}
