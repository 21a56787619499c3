/**
 * The exchange service's SOAP edge: {@code ExchangeEndpoint} translates the contract's generated types to the
 * exchange boundary's and back, and the boundary's refusals to faults; {@code EnvelopeTranslation} holds the mapping
 * both the endpoint and the push client use, so a document looks the same pulled or pushed. No business rule lives
 * here: the security pipeline has verified the sender before any method runs.
 */
package org.originhub.soap.exchange;
