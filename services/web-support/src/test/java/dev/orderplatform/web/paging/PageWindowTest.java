package dev.orderplatform.web.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.orderplatform.web.problem.ApiProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageWindowTest {

    @Test
    void validPageHasItsOffset() {
        PageWindow window = PageWindow.of(3, 20, 100);
        assertThat(window.page()).isEqualTo(3);
        assertThat(window.size()).isEqualTo(20);
        assertThat(window.offset()).isEqualTo(60);
        assertThat(PageWindow.of(Integer.MAX_VALUE / 100, 100, 100).offset()).isEqualTo(Integer.MAX_VALUE / 100 * 100);
    }

    @Test
    void badParametersAreValidationFailuresNamingTheParameter() {
        assertRefused(0, 0, "size");
        assertRefused(0, 101, "size");
        assertRefused(0, 100_000, "size");
        assertRefused(-1, 20, "page");
        assertRefused(Integer.MAX_VALUE, 100, "page");
        assertRefused(Integer.MAX_VALUE / 100 + 1, 100, "page");
        assertRefused(Integer.MIN_VALUE, 20, "page");
    }

    @Test
    void everyBadParameterIsReportedAtOnce() {
        ApiProblem refused = catchThrowableOfType(ApiProblem.class, () -> PageWindow.of(-1, 0, 100));
        assertThat(fields(refused)).containsExactly("page", "size");
    }

    private static void assertRefused(int page, int size, String field) {
        ApiProblem refused = catchThrowableOfType(ApiProblem.class, () -> PageWindow.of(page, size, 100));
        assertThat(refused).as("page %d size %d", page, size).isNotNull();
        assertThat(refused.status().value()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(refused)).containsExactly(field);
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ApiProblem problem) {
        return ((List<Map<String, String>>) problem.properties().get("errors"))
                .stream().map(e -> e.get("field")).toList();
    }
}
