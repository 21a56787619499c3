/**
 * The registry service ({@code /services/registry}, contract {@code wsdl/registry.wsdl}): what a gateway reads of the
 * registry (the signed directory, its own profile, the signer check) and the changes it may request for itself
 * (self-registration with an onboarding code, certificate rotation, endpoint change). Endpoints translate and
 * delegate to the registry boundaries; registry refusals become faults with the registry's own codes.
 */
package org.originhub.soap.registry;
