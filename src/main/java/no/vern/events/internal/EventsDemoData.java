package no.vern.events.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import no.vern.events.Event;
import no.vern.events.NewEvent;
import no.vern.events.SignUp;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;
import no.vern.shared.VernClock;

/**
 * In demo mode, with no events yet: two upcoming events with invented participants who signed up
 * through the same path as the public form (consent first), one of them full with a waiting list.
 */
@Component
class EventsDemoData implements DemoData {

    private static final Logger log = LoggerFactory.getLogger(EventsDemoData.class);
    private static final Locale NB = Locale.forLanguageTag("nb");
    /** Breakfast seminar, 3 seats: 3 get a seat, 2 wait. */
    private static final String[][] SEMINAR = { { "Sigrid Haugland", "sigrid.haugland@example.no", "crm" },
            { "Petter Vassbotn", "petter.vassbotn@example.no", "" }, { "Aud Kjelstrup", "aud.kjelstrup@example.no", "news" },
            { "Lars Tveitane", "lars.tveitane@example.no", "" }, { "Hilde Rognstad", "hilde.rognstad@example.no", "crm" } };
    /** Course with room to spare. */
    private static final String[][] COURSE = { { "Kristoffer Ask", "kristoffer.ask@example.no", "" },
            { "Mona Fjærli", "mona.fjaerli@example.no", "news" }, { "Oddvar Smeland", "oddvar.smeland@example.no", "crm" } };

    private final DemoMode demo;
    private final EventService events;
    private final Clock clock;

    EventsDemoData(DemoMode demo, EventService events, Clock clock) {
        this.demo = demo;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public int order() {
        return DemoData.USES;
    }

    @Override
    public void load() {
        if (!demo.enabled() || !events.empty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(VernClock.ZONE));
        Event seminar = create("Frokostseminar: personvern i praksis", today.plusDays(14), LocalTime.of(8, 0),
                "Fjellvik Oslo, Fjordgata 1", 3, false, true);
        Event course = create("Kurs: sikker skyarkitektur", today.plusDays(30), LocalTime.of(9, 0),
                "Fjellvik Bergen, Kaigaten 9", 40, true, false);
        signUp(seminar, SEMINAR);
        signUp(course, COURSE);
        log.info("Demo events created: 2 events, {} sign-ups", SEMINAR.length + COURSE.length);
    }

    private Event create(String title, LocalDate day, LocalTime at, String place, int capacity, boolean phone,
            boolean company) {
        ZonedDateTime starts = ZonedDateTime.of(day, at, VernClock.ZONE);
        return events.create(new NewEvent(title, starts.toInstant(), place, capacity,
                starts.minusDays(2).toInstant(), phone, company));
    }

    private void signUp(Event event, String[][] people) {
        for (String[] p : people) {
            events.signUp(event.id(), new SignUp(p[0], p[1], event.askPhone() ? "+47 912 34 567" : null,
                    event.askCompany() ? "Fjordkraft Demo AS" : null, "crm".equals(p[2]), "news".equals(p[2]), NB, null,
                    null, null));
        }
    }
}
