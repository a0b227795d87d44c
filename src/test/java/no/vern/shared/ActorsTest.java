package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Work done for another module runs as an internal caller that names the real actor, then the caller's context is back. */
class ActorsTest {

    private static final Actor JOB = Actor.system("retention-purge");
    private static final Actor STAFF = new Actor(Actor.Kind.STAFF, "kari");

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(Actor actor) {
        ActorSource source = () -> actor;
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(source, null,
                List.of(new SimpleGrantedAuthority("ROLE_RECRUITER"))));
    }

    @Test
    void insideRunAsTheActorIsTheJobAndTheCallerIsInternal() {
        assertThat(Actors.current()).isEqualTo(Actor.ANONYMOUS);
        assertThat(Actors.internal()).isTrue(); // no security context at all: a job thread
        String seen = Actors.runAs(JOB, () -> Actors.current().reference() + " " + Actors.internal());
        assertThat(seen).isEqualTo("system:retention-purge true");
    }

    @Test
    void theSignedInCallersContextIsRestoredAfterwardsAlsoWhenTheWorkFails() {
        signIn(STAFF);
        assertThat(Actors.internal()).isFalse();
        Actors.runAs(JOB, () -> {
            assertThat(Actors.current()).isEqualTo(JOB);
            assertThat(SecurityContextHolder.getContext().getAuthentication().getAuthorities()).isEmpty();
        });
        assertThat(Actors.current()).isEqualTo(STAFF);
        assertThatThrownBy(() -> Actors.runAs(JOB, () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Actors.current()).isEqualTo(STAFF);
        assertThat(Actors.internal()).isFalse();
    }

    @Test
    void nestedRunAsNamesTheInnermostActorAndUnwindsInOrder() {
        Actor notice = Actor.system("retention-notice");
        List<Actor> seen = Actors.runAs(JOB, () -> {
            Actor inner = Actors.runAs(notice, Actors::current);
            return List.of(inner, Actors.current());
        });
        assertThat(seen).containsExactly(notice, JOB);
        assertThat(Actors.current()).isEqualTo(Actor.ANONYMOUS);
    }

    @Test
    void currentOrFallsBackOnlyForAnonymousCallers() {
        assertThat(Actors.currentOr(JOB)).isEqualTo(JOB);
        signIn(STAFF);
        assertThat(Actors.currentOr(JOB)).isEqualTo(STAFF);
    }
}
