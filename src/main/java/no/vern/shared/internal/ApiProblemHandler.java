package no.vern.shared.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.InvalidInput;
import no.vern.shared.PayloadTooLarge;
import no.vern.shared.ProblemResponses;
import no.vern.shared.ProblemTypes;
import no.vern.shared.VernProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every failure of a REST controller to an RFC 9457 problem detail, once, for all modules.
 * Details name fields and ids only: rejected values, stack traces and SQL never reach the client.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final ProblemResponses problems;

    ApiProblemHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(VernProblem.class)
    ResponseEntity<ProblemDetail> domainProblem(VernProblem problem, HttpServletRequest request) {
        java.time.Duration retryAfter = problem.retryAfter();
        if (retryAfter != null) {
            return ResponseEntity.status(problem.status())
                    .header(HttpHeaders.RETRY_AFTER, ProblemResponses.retryAfterSeconds(retryAfter))
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.toProblem(problem, request));
        }
        return respond(problems.toProblem(problem, request));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e, HttpServletRequest request) {
        ProblemDetail detail = ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Your role or token scope does not allow this operation.");
        problems.decorate(detail, request);
        return respond(detail);
    }

    @ExceptionHandler({ CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            QueryTimeoutException.class, TransientDataAccessException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Database unavailable: {}", e.getClass().getSimpleName());
        ProblemDetail detail = DatabaseFailures.problem(e);
        problems.decorate(detail, request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                DatabaseFailures.RETRY_AFTER_SECONDS).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseFailures.unreachable(e)) {
            // e.g. a commit that lost its connection and whose rollback failed too (TransactionSystemException)
            return databaseUnavailable(e, request);
        }
        // The exception class only: messages of driver exceptions may carry bound values.
        log.error("Unexpected failure of {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getClass().getName(), withoutMessage(e));
        ProblemDetail detail = ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "Something went wrong on our side. Whether the request was carried out, in full or in part, is not"
                        + " known: look up the result before you send it again, and quote the request id when you report it.");
        problems.decorate(detail, request);
        return respond(detail);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLarge tooLarge) {
                return typed(problems.toProblem(tooLarge, servlet(request)));
            }
            if (t instanceof InvalidInput invalid) {
                // A module's reader refused a member with its own coded reason: said against the member's full path.
                String at = cause instanceof JacksonException jackson ? path(jackson) : "";
                return typed(problems.toProblem(new InvalidInput(invalid.errors().stream()
                        .map(e -> new InvalidInput.FieldError(at.isEmpty() ? e.field() : at + "." + e.field(),
                                e.message(), e.code(), e.args()))
                        .toList()), servlet(request)));
            }
        }
        ProblemDetail detail = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed-body",
                "Malformed request body", describe(cause));
        if (cause instanceof JacksonException jackson && !path(jackson).isEmpty()) {
            detail.setProperty("errors", List.of(InvalidInput.FieldError.coded(path(jackson), describe(cause), "error.field.generic")));
        }
        problems.decorate(detail, servlet(request));
        return typed(detail);
    }

    /**
     * A parameter of the wrong type ({@code ?page=kari@example.no}): the problem names the parameter and its type,
     * never the rejected value (which may be personal data), and nothing is logged (issue 24).
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m ? m.getName()
                : Objects.requireNonNullElse(ex.getPropertyName(), "parameter");
        String type = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
        return typed(problems.toProblem(new InvalidInput(name, "must be of type " + type, "error.field.type", type), servlet(request)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(constraint(error.getField(), String.valueOf(error.getDefaultMessage()), error.getCode()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(e -> errors.add(constraint(e.getObjectName(), String.valueOf(e.getDefaultMessage()), e.getCode())));
        return typed(problems.toProblem(new InvalidInput(errors), servlet(request)));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidInput.FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(e -> constraint(Objects.requireNonNullElse(r.getMethodParameter().getParameterName(), "?"),
                                String.valueOf(e.getDefaultMessage()), lastCode(e.getCodes()))))
                .collect(Collectors.toList());
        return typed(problems.toProblem(new InvalidInput(errors), servlet(request)));
    }

    /**
     * A Bean Validation failure as a field error with a message code: the required constraints as
     * {@code error.field.required}, an address as {@code error.field.email}, anything else as {@code error.field.generic}.
     */
    private static InvalidInput.FieldError constraint(String field, String message, @Nullable String constraint) {
        String code = switch (constraint == null ? "" : constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "error.field.required";
            case "Email" -> "error.field.email";
            default -> "error.field.generic";
        };
        return InvalidInput.FieldError.coded(field, message, code);
    }

    /** The constraint's own name: the last (least specific) of a resolvable error's codes ({@code NotBlank}). */
    private static @Nullable String lastCode(String @Nullable [] codes) {
        return codes == null || codes.length == 0 ? null : codes[codes.length - 1];
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail detail) {
            if (detail.getType() == null || "about:blank".equals(String.valueOf(detail.getType()))) {
                detail.setType(ProblemTypes.of(slug(statusCode)));
            }
            problems.decorate(detail, servlet(request));
        }
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, copy, statusCode);
    }

    private static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http-" + status.value() : known.name().toLowerCase().replace('_', '-');
    }

    private static String describe(@Nullable Throwable cause) {
        if (cause instanceof NulRefusingStrings.NulCharacter nul) {
            String field = path(nul);
            return (field.isEmpty() ? "A text value" : "Field '" + field + "'")
                    + " contains a NUL character (\\u0000), which text may not hold.";
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "Field '" + path(invalid) + "' must be of type " + invalid.getTargetType().getSimpleName() + ".";
        }
        if (cause instanceof MismatchedInputException mismatch && !path(mismatch).isEmpty()) {
            String type = mismatch.getTargetType() == null ? "another type" : mismatch.getTargetType().getSimpleName();
            return "Field '" + path(mismatch) + "' has the wrong type; expected " + type + ".";
        }
        if (cause instanceof JacksonException jackson && jackson.getLocation() != null) {
            return "The body is not valid JSON (line " + jackson.getLocation().getLineNr() + ", column "
                    + jackson.getLocation().getColumnNr() + ").";
        }
        return "The request body is missing or not valid JSON.";
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static ResponseEntity<Object> typed(ProblemDetail detail) {
        return ResponseEntity.status(detail.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail detail) {
        return ResponseEntity.status(detail.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return Objects.requireNonNull(((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class));
    }

    /** A stack trace with the messages stripped, since messages may contain bound values. */
    private static Throwable withoutMessage(Throwable e) {
        Throwable copy = new Throwable(e.getClass().getName());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
