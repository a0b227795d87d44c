package no.vern.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.consent.Channel;
import no.vern.consent.ConsentEventType;
import no.vern.consent.ConsentEventView;
import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentReceipt;
import no.vern.consent.GiveConsent;
import no.vern.register.ConsentGate;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/** The hourly expiry task appends an EXPIRED event once for each lapsed consent. */
@VernTest
class ConsentExpiryTest {

    @Autowired
    ConsentService service;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    ConsentGate gate;
    @Autowired
    TestClock clock;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theExpiryTaskRecordsALapsedConsentOnce() {
        ConsentReceipt receipt = ledger.give(GiveConsent.of(null, "talent-pool", Channel.WEB_FORM,
                Locale.forLanguageTag("nb")).expiringAt(clock.instant().plus(Duration.ofHours(1))));
        clock.advance(Duration.ofHours(2));

        assertThat(gate.permits(receipt.subject(), "talent-pool")).isFalse();
        assertThat(service.expireLapsed()).isGreaterThanOrEqualTo(1);
        service.expireLapsed();

        assertThat(ledger.history(receipt.subject())).extracting(ConsentEventView::type)
                .containsExactly(ConsentEventType.GIVEN, ConsentEventType.EXPIRED);
        assertThat(ledger.current(receipt.subject(), "talent-pool").orElseThrow().status())
                .isEqualTo(ConsentEventType.EXPIRED);
    }

}
