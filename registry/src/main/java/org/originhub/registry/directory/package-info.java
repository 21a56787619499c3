/**
 * The registry directory: the snapshot of active members, agreements and parties, gateways (delivery mode, active and
 * staged certificate fingerprints) and authorised signers that gateways download and cache, with a serial number that
 * moves on with every registry change that affects it.
 */
package org.originhub.registry.directory;
