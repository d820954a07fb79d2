package io.cxpulse.console.web;

/** An API refusal: its HTTP status and a short reason for the JSON body {@code {"error": ...}}. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;

    ApiError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static ApiError unauthorized() {
        return new ApiError(401, "sign in first");
    }

    static ApiError notFound() {
        return new ApiError(404, "no such alert episode");
    }
}
