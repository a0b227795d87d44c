package no.vern.retention.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start (demo or not), after the record of processing is seeded: gives every purpose and category
 * that has no rule its default rule, so storage limitation holds from the first day (S23).
 */
@Component
@Order(50)
class RuleSeed implements ApplicationRunner {

    private final PolicyService policies;

    RuleSeed(PolicyService policies) {
        this.policies = policies;
    }

    @Override
    public void run(ApplicationArguments args) {
        policies.seedMissing();
    }
}
