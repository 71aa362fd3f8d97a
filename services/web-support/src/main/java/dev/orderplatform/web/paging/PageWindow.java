package dev.orderplatform.web.paging;

import dev.orderplatform.web.problem.ApiProblem;
import dev.orderplatform.web.problem.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The page of a listing a client asked for ({@code page} from 0, {@code size} rows), checked the same way on every
 * paged endpoint of the platform: a bad one is refused with 400 {@code VALIDATION_FAILED} and an {@code errors} list
 * naming the parameter, never passed on to the database.
 */
public final class PageWindow {

    private final int page;
    private final int size;

    private PageWindow(int page, int size) {
        this.page = page;
        this.size = size;
    }

    /**
     * @param maxSize the largest page the endpoint serves
     * @throws ApiProblem when page is negative, size is outside 1..maxSize, or the page starts beyond the largest
     *         offset a listing has ({@link Integer#MAX_VALUE} rows)
     */
    public static PageWindow of(int page, int size, int maxSize) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(error("page", "must not be negative"));
        }
        if (size < 1 || size > maxSize) {
            errors.add(error("size", "must be between 1 and " + maxSize));
        } else if ((long) page * size > Integer.MAX_VALUE) {
            errors.add(error("page", "must be at most " + Integer.MAX_VALUE / size + " with size " + size));
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    ErrorCodes.VALIDATION_FAILED,
                    "The request has invalid parameters: "
                            + errors.stream().map(e -> e.get("field")).toList(),
                    Map.of("errors", errors));
        }
        return new PageWindow(page, size);
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    /** Rows before this page. */
    public int offset() {
        return page * size;
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
