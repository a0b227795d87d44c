/**
 * Safe uploads (S15, issue 15 part 3): size and count limits, file type detected from content,
 * allowed types per purpose, zip bombs and polyglots refused, and a virus-scan hook (ClamAV) used
 * when configured. Stores nothing of the file: callers (the register) keep the bytes encrypted.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Safe uploads", allowedDependencies = "shared")
package no.vern.uploads;
