package no.vern.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A full Vern on a throw-away embedded PostgreSQL with MockMvc and a movable clock. Tests that
 * use exactly this annotation share one application context (and one database).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@Import(VernTest.Clocks.class)
public @interface VernTest {

    /** Replaces the system clock with the movable {@link TestClock}. */
    @TestConfiguration(proxyBeanMethods = false)
    class Clocks {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
