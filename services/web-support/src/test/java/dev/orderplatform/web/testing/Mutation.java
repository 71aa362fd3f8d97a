package dev.orderplatform.web.testing;

/**
 * The kinds of input the fuzzer sends. Each says whether the server must refuse it (any 2xx is then a bug) and,
 * when the answer is fixed by the HTTP contract alone, which status it must be.
 */
enum Mutation {
    VALID(false, 0),
    MISSING_REQUIRED_FIELD(true, 400),
    NULL_REQUIRED_FIELD(true, 400),
    EXTRA_FIELD(false, 0),
    DUPLICATE_FIELD(false, 0),
    WRONG_TYPE_FIELD(true, 400),
    HUGE_NUMBER(true, 400),
    NEGATIVE_NUMBER(false, 0), // refused only where the document says minimum >= 0, see FuzzRequests
    NON_INTEGRAL_NUMBER(true, 400),
    BELOW_MINIMUM(true, 400),
    ABOVE_MAXIMUM(true, 400),
    TOO_LONG_STRING(true, 400),
    VERY_LONG_STRING(false, 0),
    UNICODE_STRING(false, 0),
    LONE_SURROGATE_STRING(false, 0),
    BAD_JSON(true, 400),
    EMPTY_BODY(true, 400),
    WRONG_BODY_TYPE(true, 400),
    DEEPLY_NESTED_JSON(true, 400),
    INVALID_UTF8_BODY(false, 0),
    WRONG_CONTENT_TYPE(true, 415),
    NO_CONTENT_TYPE(true, 415),
    BAD_PATH_PARAMETER(false, 0), // refused with 400 where the document says integer, see FuzzRequests
    ODD_PATH_SEGMENT(false, 0),
    BAD_QUERY_PARAMETER(true, 400),
    UNKNOWN_QUERY_PARAMETER(false, 0),
    NO_TOKEN(false, 0), // 401 where a token is needed
    GARBAGE_TOKEN(true, 401),
    EXPIRED_TOKEN(true, 401),
    FOREIGN_KEY_TOKEN(true, 401),
    UNSIGNED_TOKEN(true, 401),
    NOT_BEARER_SCHEME(false, 0), // 401 where a token is needed
    USER_TOKEN_ON_ADMIN(true, 403),
    ODD_SUBJECT_TOKEN(false, 0),
    UNACCEPTABLE_ACCEPT(true, 406),
    WRONG_METHOD(true, 405);

    final boolean mustRefuse;
    final int status;

    Mutation(boolean mustRefuse, int status) {
        this.mustRefuse = mustRefuse;
        this.status = status;
    }
}
