package io.feedwatch.http;

/** A request that ends with {@code status} and a JSON {@link ApiJson.Error} body. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiException unavailable(String message) {
        return new ApiException(503, "UNAVAILABLE", message);
    }
}
