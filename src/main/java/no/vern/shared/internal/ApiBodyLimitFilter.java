package no.vern.shared.internal;

import java.io.IOException;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.shared.PayloadTooLarge;
import no.vern.shared.ProblemResponses;

/**
 * Caps the size of API request bodies: a declared length over the limit is refused before
 * reading, and a chunked body is cut off as soon as it passes the limit, so an oversized body
 * yields a 413 problem and nothing is written.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final long bulkMaxBytes;
    private final List<String> bulkPaths;
    private final ProblemResponses problems;

    ApiBodyLimitFilter(@Value("${vern.api.max-body-bytes}") long maxBytes,
            @Value("${vern.api.bulk-max-body-bytes:8388608}") long bulkMaxBytes,
            @Value("${vern.api.bulk-paths:/api/v1/eligibility}") List<String> bulkPaths, ProblemResponses problems) {
        this.maxBytes = maxBytes;
        this.bulkMaxBytes = bulkMaxBytes;
        this.bulkPaths = List.copyOf(bulkPaths);
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Bulk endpoints (eligibility of up to 100,000 addresses) take larger bodies, still capped.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = bulkPaths.contains(path) ? bulkMaxBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, new PayloadTooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private @Nullable ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long count;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw new PayloadTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
