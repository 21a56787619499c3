/**
 * The REST edge's one mapping from failures to HTTP: registry exceptions to 400/404/409/422 with a JSON body
 * {@code {status, code, message}}; anything unexpected to 500 with a reference id (the cause is logged, never sent).
 */
package org.originhub.web.api.errors;
