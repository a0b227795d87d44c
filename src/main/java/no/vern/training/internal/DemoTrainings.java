package no.vern.training.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.stereotype.Component;

import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;
import no.vern.shared.VernClock;
import no.vern.training.AccessReviews;
import no.vern.training.NewTraining;
import no.vern.training.Training;
import no.vern.training.TrainingRegister;

/**
 * Invented programme data for a demo installation: two trainings with completions (the
 * recruiter's has lapsed), and the quarter's access review started with one account confirmed,
 * so the rest shows as due.
 */
@Component
class DemoTrainings implements DemoData {

    private static final Actor DEMO = Actor.system("training-demo");

    private final DemoMode demo;
    private final TrainingRegister register;
    private final AccessReviews reviews;
    private final StaffAccounts accounts;
    private final Clock clock;

    DemoTrainings(DemoMode demo, TrainingRegister register, AccessReviews reviews, StaffAccounts accounts,
            Clock clock) {
        this.demo = demo;
        this.register = register;
        this.reviews = reviews;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public int order() {
        return DemoData.WORKFLOWS;
    }

    @Override
    public void load() {
        if (!demo.enabled() || !register.trainings().isEmpty()) {
            return;
        }
        Actors.runAs(DEMO, () -> {
            LocalDate today = LocalDate.ofInstant(clock.instant(), VernClock.ZONE);
            Training basics = register.define(new NewTraining("Personvern for alle ansatte", "2026.1",
                    "https://intranett.fjellvik.example/personvern/grunnkurs", EnumSet.allOf(Role.class), 12));
            Training candidates = register.define(new NewTraining("Kandidatdata og CV-er", "3",
                    "https://intranett.fjellvik.example/personvern/rekruttering", Set.of(Role.RECRUITER, Role.CASE_HANDLER), 6));
            for (StaffAccount account : accounts.list()) {
                register.recordCompletion(basics.id(), account.id(), today.minusMonths(2));
                if (account.roles().contains(Role.RECRUITER)) {
                    // Lapsed: completed eight months ago, valid for six.
                    register.recordCompletion(candidates.id(), account.id(), today.minusMonths(8));
                } else if (account.roles().contains(Role.CASE_HANDLER)) {
                    register.recordCompletion(candidates.id(), account.id(), today.minusMonths(1));
                }
            }
            accounts.list().stream().filter(a -> a.roles().contains(Role.PRIVACY_OFFICER)).findFirst()
                    .ifPresent(a -> reviews.confirmAccount(a.id()));
        });
    }
}
