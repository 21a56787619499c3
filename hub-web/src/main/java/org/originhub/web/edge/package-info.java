/**
 * The hub's HTTP edge, in front of every servlet: {@link org.originhub.web.edge.HttpEdge} reads request bodies without
 * holding a worker thread (Servlet non-blocking I/O into a bounded buffer, refused at once when the declared length is
 * over the path's limit, answered 408 or a SOAP fault when the body does not arrive in time), refuses malformed
 * transport-level SOAP input with the hub's documented fault codes, and shows the servlets the hub's public address
 * ({@code HUB_PUBLIC_URL}) instead of the caller's {@code Host} header. {@link org.originhub.web.edge.ClientAddress}
 * says who the caller is, honouring {@code X-Forwarded-For} only from {@code HUB_TRUSTED_PROXIES}.
 */
package org.originhub.web.edge;
