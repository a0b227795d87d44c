package no.vern.shared;

/**
 * The one rule for paged lists (issue 24): a page number from 0 to {@link #MAX_PAGE} and a size from 1 to the
 * list's own maximum, refused with a 400 problem beyond those limits (never clamped silently), and the row
 * offset computed in {@code long} so that {@code page * size} cannot overflow and wrap to other rows.
 *
 * @param page zero-based page number
 * @param size rows per page
 */
public record Paging(int page, int size) {

    /** The highest page number any list accepts. */
    public static final int MAX_PAGE = 10_000;

    /** Validates a requested page; {@link InvalidInput} (field {@code page} or {@code size}) without echoing the value. */
    public static Paging of(int page, int size, int maxSize) {
        if (page < 0 || page > MAX_PAGE) {
            throw new InvalidInput("page", "must be between 0 and " + MAX_PAGE, "error.field.range", "0",
                    String.valueOf(MAX_PAGE));
        }
        if (size < 1 || size > maxSize) {
            throw new InvalidInput("size", "must be between 1 and " + maxSize, "error.field.range", "1",
                    String.valueOf(maxSize));
        }
        return new Paging(page, size);
    }

    /** The number of rows before this page. */
    public long offset() {
        return (long) page * size;
    }
}
