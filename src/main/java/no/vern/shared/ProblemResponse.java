package no.vern.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem status that only this API operation gives (409, 410, 412, 428 …), for the OpenAPI document: listed as an
 * RFC 9457 problem response next to those that hold for every call (400, 401, 403, 404, 429), which are derived once.
 * Unlike swagger's {@code @ApiResponse} it leaves the operation's computed success response in place.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {

    /** The HTTP status. */
    int status();

    /** When and why, naming the problem type's slug. */
    String description();

    /** Holder of repeated {@link ProblemResponse}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ProblemResponse[] value();
    }
}
