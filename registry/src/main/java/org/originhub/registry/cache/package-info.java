/**
 * The registry read cache: what exchanges read of the registry (senders, trust anchors, gateways, member states,
 * agreements) kept on each node for one registry version, checked against the database's version on every use.
 */
package org.originhub.registry.cache;
