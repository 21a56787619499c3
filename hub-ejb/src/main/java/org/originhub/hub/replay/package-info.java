/**
 * Replay protection shared by all hub nodes: the signatures of accepted SOAP requests, kept in the database until
 * their timestamps expire. The SOAP edge asks {@link org.originhub.hub.replay.boundary.Replays#firstUse} after it has
 * verified a request's signature and sender; a second use of the same signature, on any node, is a replay. A node-local
 * cache would let a replay through another node, and the data grid forgets everything on a full restart, inside the
 * timestamp window.
 */
package org.originhub.hub.replay;
