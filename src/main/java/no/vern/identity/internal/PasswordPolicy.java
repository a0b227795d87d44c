package no.vern.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import no.vern.identity.PasswordRefusal;

/**
 * The one rule for staff passwords (issue 24, item 4; NIST SP 800-63B 5.1.1.2): 12 to 200 characters, not trivial,
 * not containing the username, and not one of the 10,000 most common passwords (the bundled list
 * {@code identity/common-passwords.txt}, source and licence in its header), also not with digits or symbols merely
 * added before or after one. No composition rules (upper case, symbols): length and the list do the work.
 */
@Component
class PasswordPolicy {

    static final int MIN = 12;
    static final int MAX = 200;
    private static final String LIST = "identity/common-passwords.txt";
    /** Shorter cores are not looked up: nearly every four-letter string is somebody's password. */
    private static final int MIN_CORE = 4;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Why the password is refused for this username, if it is. */
    Optional<PasswordRefusal> check(String username, String password) {
        if (password == null || password.length() < MIN || password.length() > MAX) {
            return Optional.of(PasswordRefusal.LENGTH);
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (trivial(lower)) {
            return Optional.of(PasswordRefusal.TRIVIAL);
        }
        String name = StaffUserDetailsService.normalise(username);
        if (name.length() >= 3 && lower.contains(name)) {
            return Optional.of(PasswordRefusal.CONTAINS_USERNAME);
        }
        if (cores(lower).stream().anyMatch(common::contains)) {
            return Optional.of(PasswordRefusal.COMMON);
        }
        return Optional.empty();
    }

    /** One character, a pattern of up to four characters repeated, or a run up or down ({@code 9} wraps to {@code 0}). */
    static boolean trivial(String lower) {
        for (int period = 1; period <= 4; period++) {
            if (periodic(lower, period)) {
                return true;
            }
        }
        return run(lower, 1) || run(lower, -1);
    }

    private static boolean periodic(String s, int period) {
        for (int i = period; i < s.length(); i++) {
            if (s.charAt(i) != s.charAt(i - period)) {
                return false;
            }
        }
        return true;
    }

    private static boolean run(String s, int step) {
        for (int i = 1; i < s.length(); i++) {
            char prev = s.charAt(i - 1);
            char next = s.charAt(i);
            boolean digitWrap = Character.isDigit(prev) && Character.isDigit(next)
                    && Math.floorMod(next - prev, 10) == Math.floorMod(step, 10);
            if (next - prev != step && !digitWrap) {
                return false;
            }
        }
        return true;
    }

    /** The password and what is left when digits and symbols are taken off its start, its end, or both. */
    static Set<String> cores(String lower) {
        Set<String> cores = new LinkedHashSet<>();
        cores.add(lower);
        String tail = lower.replaceFirst("[^\\p{L}]+$", "");
        String head = lower.replaceFirst("^[^\\p{L}]+", "");
        cores.add(tail);
        cores.add(head);
        cores.add(head.replaceFirst("[^\\p{L}]+$", ""));
        cores.removeIf(c -> c.length() < MIN_CORE);
        return cores;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(16_384);
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("The list of common passwords is missing: " + LIST);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
