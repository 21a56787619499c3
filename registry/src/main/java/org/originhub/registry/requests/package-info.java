/**
 * Registry changes as requests (X-Road style): registering a gateway or a certificate, rotating a certificate,
 * changing an endpoint each create a {@link org.originhub.registry.requests.entity.RegistrationRequest} that the
 * secretariat approves or rejects, recording who, when and why. Only approval changes the registry. Also the one-time
 * onboarding codes with which a member state's new gateway registers itself over SOAP.
 */
package org.originhub.registry.requests;
