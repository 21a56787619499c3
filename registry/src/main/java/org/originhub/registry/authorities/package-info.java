/**
 * Issuing authorities (the bodies that issue COs for a member state) and their authorised signers (officials whose
 * X.509 certificates sign COs), ALADI-style: customs ask {@code CheckSigner} whether a certificate was authorised to
 * sign for a member, under an agreement, at a time.
 */
package org.originhub.registry.authorities;
