package dev.orderplatform.web.paging;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.util.NumberUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives a {@link PageQuery} parameter its {@link PageWindow}, read as {@code @RequestParam int} would read them. */
final class PageQueryArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageWindow.class && parameter.hasParameterAnnotation(PageQuery.class);
    }

    @Override
    public PageWindow resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer container,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binders) {
        PageQuery query = Objects.requireNonNull(parameter.getParameterAnnotation(PageQuery.class));
        return PageWindow.of(
                integer(request, parameter, PageQuery.PAGE, 0),
                integer(request, parameter, PageQuery.SIZE, query.defaultSize()),
                query.maxSize());
    }

    /** Absent or empty: the default, as {@code @RequestParam(defaultValue = ...)}. */
    private static int integer(NativeWebRequest request, MethodParameter parameter, String name, int absent) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return NumberUtils.parseNumber(value, Integer.class);
        } catch (IllegalArgumentException e) {
            throw new MethodArgumentTypeMismatchException(value, int.class, name, parameter, e);
        }
    }
}
