/**
 * Values that certificate records are keyed and tracked by: the SHA-256 fingerprint that identifies a certificate
 * everywhere (registry, audit log, SOAP sender lookup) and the expiry warning thresholds a record remembers having
 * raised. They live here, below {@code control}, so that entities can hold them without depending on the rules.
 */
package org.originhub.registry.certificates.entity;
