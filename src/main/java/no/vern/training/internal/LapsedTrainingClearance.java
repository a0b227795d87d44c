package no.vern.training.internal;

import org.springframework.stereotype.Component;

import no.vern.identity.StaffAccounts;
import no.vern.register.ReadClearance;
import no.vern.shared.Actor;
import no.vern.training.TrainingRegister;

/**
 * The register's read clearance: with {@code vern.training.restrict-lapsed=true}, a staff member
 * whose required privacy training has lapsed may not read personal data until it is renewed
 * (S15, S20: staff handling personal data are trained). API clients and jobs are not affected.
 */
@Component
class LapsedTrainingClearance implements ReadClearance {

    private final TrainingProperties properties;
    private final StaffAccounts accounts;
    private final TrainingRegister register;

    LapsedTrainingClearance(TrainingProperties properties, StaffAccounts accounts, TrainingRegister register) {
        this.properties = properties;
        this.accounts = accounts;
        this.register = register;
    }

    @Override
    public boolean mayReadPersonalData(Actor actor) {
        if (!properties.restrictLapsed() || actor.kind() != Actor.Kind.STAFF) {
            return true;
        }
        return accounts.list().stream().filter(a -> a.username().equals(actor.id())).findFirst()
                .map(a -> !register.lapsed(a.id())).orElse(true);
    }
}
