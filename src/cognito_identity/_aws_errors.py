"""One exception class per AWS error code of cognito-idp. Generated: do not edit.

Regenerate with ``scripts/gen_errors.py`` (reads botocore's service model).
"""

from __future__ import annotations

from .errors import CognitoServiceError


class AccessDeniedException(CognitoServiceError):
    """This exception is thrown when you don't have sufficient permissions to perform the requested
    operation.
    """

    default_status_code = 400


class AliasExistsException(CognitoServiceError):
    """This exception is thrown when a user tries to confirm the account with an email address or
    phone number that has already been supplied as an alias for a different user profile.
    """

    default_status_code = 400


class CodeDeliveryFailureException(CognitoServiceError):
    """This exception is thrown when a verification code fails to deliver successfully."""

    default_status_code = 400


class CodeMismatchException(CognitoServiceError):
    """This exception is thrown if the provided code doesn't match what the server was expecting."""

    default_status_code = 400


class ConcurrentModificationException(CognitoServiceError):
    """This exception is thrown if two or more modifications are happening concurrently."""

    default_status_code = 400


class DeviceKeyExistsException(CognitoServiceError):
    """This exception is thrown when a user attempts to confirm a device with a device key that
    already exists.
    """

    default_status_code = 400


class DuplicateProviderException(CognitoServiceError):
    """This exception is thrown when the provider is already supported by the user pool."""

    default_status_code = 400


class EnableSoftwareTokenMFAException(CognitoServiceError):
    """This exception is thrown when there is a code mismatch and the service fails to configure
    the software token TOTP multi-factor authentication (MFA).
    """

    default_status_code = 400


class ExpiredCodeException(CognitoServiceError):
    """This exception is thrown if a code has expired."""

    default_status_code = 400


class FeatureUnavailableInTierException(CognitoServiceError):
    """This exception is thrown when a feature that you attempted to use or configure isn't
    included in your user pool's current feature plan.
    """

    default_status_code = 400


class ForbiddenException(CognitoServiceError):
    """This exception is thrown when WAF doesn't allow your request based on a web ACL that's
    associated with your user pool.
    """

    default_status_code = 400


class GroupExistsException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito encounters a group that already exists in the
    user pool.
    """

    default_status_code = 400


class IncompleteSignatureException(CognitoServiceError):
    """The request signature does not conform to AWS standards."""

    default_status_code = 400


class InternalErrorException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito encounters an internal error."""

    default_status_code = 500


class InternalServerException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito encounters an internal server error."""

    default_status_code = 400


class InvalidEmailRoleAccessPolicyException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito isn't allowed to use your email identity."""

    default_status_code = 400


class InvalidLambdaResponseException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito encounters an invalid Lambda response."""

    default_status_code = 400


class InvalidOAuthFlowException(CognitoServiceError):
    """This exception is thrown when the specified OAuth flow is not valid."""

    default_status_code = 400


class InvalidParameterException(CognitoServiceError):
    """This exception is thrown when the Amazon Cognito service encounters an invalid parameter."""

    default_status_code = 400


class InvalidPasswordException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito encounters an invalid password."""

    default_status_code = 400


class InvalidSignatureException(CognitoServiceError):
    """The request signature we calculated does not match the signature you provided."""

    default_status_code = 400


class InvalidSmsRoleAccessPolicyException(CognitoServiceError):
    """This exception is returned when the role provided for SMS configuration doesn't have
    permission to publish using Amazon SNS.
    """

    default_status_code = 400


class InvalidSmsRoleTrustRelationshipException(CognitoServiceError):
    """This exception is thrown when the trust relationship is not valid for the role provided for
    SMS configuration.
    """

    default_status_code = 400


class InvalidUserPoolConfigurationException(CognitoServiceError):
    """This exception is thrown when the user pool configuration is not valid."""

    default_status_code = 400


class LimitExceededException(CognitoServiceError):
    """This exception is thrown when a user exceeds the limit for a requested Amazon Web Services
    resource.
    """

    default_status_code = 400


class MFAMethodNotFoundException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito can't find a multi-factor authentication (MFA)
    method.
    """

    default_status_code = 400


class ManagedLoginBrandingExistsException(CognitoServiceError):
    """This exception is thrown when you attempt to apply a managed login branding style to an app
    client that already has an assigned style.
    """

    default_status_code = 400


class MissingAuthenticationTokenException(CognitoServiceError):
    """The request must contain a valid (registered) AWS access key ID."""

    default_status_code = 400


class NotAuthorizedException(CognitoServiceError):
    """This exception is thrown when a user isn't authorized."""

    default_status_code = 400


class OperationNotEnabledException(CognitoServiceError):
    """This exception is thrown when an operation is not available in the current region or for the
    current user pool configuration.
    """

    default_status_code = 400


class PasswordHistoryPolicyViolationException(CognitoServiceError):
    """The message returned when a user's new password matches a previous password and doesn't
    comply with the password-history policy.
    """

    default_status_code = 400


class PasswordResetRequiredException(CognitoServiceError):
    """This exception is thrown when a password reset is required."""

    default_status_code = 400


class PreconditionNotMetException(CognitoServiceError):
    """This exception is thrown when a precondition is not met."""

    default_status_code = 400


class RefreshTokenReuseException(CognitoServiceError):
    """This exception is throw when your application requests token refresh with a refresh token
    that has been invalidated by refresh-token rotation.
    """

    default_status_code = 400


class ResourceNotFoundException(CognitoServiceError):
    """This exception is thrown when the Amazon Cognito service can't find the requested resource."""

    default_status_code = 400


class ScopeDoesNotExistException(CognitoServiceError):
    """This exception is thrown when the specified scope doesn't exist."""

    default_status_code = 400


class SerializationException(CognitoServiceError):
    """The request body could not be parsed."""

    default_status_code = 400


class ServiceQuotaExceededException(CognitoServiceError):
    """The request exceeded your account's service quota."""

    default_status_code = 400


class ServiceUnavailableException(CognitoServiceError):
    """The service is unavailable. Try again later."""

    default_status_code = 503


class SoftwareTokenMFANotFoundException(CognitoServiceError):
    """This exception is thrown when the software token time-based one-time password (TOTP) multi-
    factor authentication (MFA) isn't activated for the user pool.
    """

    default_status_code = 400


class TermsExistsException(CognitoServiceError):
    """Terms document names must be unique to the app client."""

    default_status_code = 400


class ThrottlingException(CognitoServiceError):
    """The request was denied due to request throttling."""

    default_status_code = 400


class TierChangeNotAllowedException(CognitoServiceError):
    """This exception is thrown when you've attempted to change your feature plan but the operation
    isn't permitted.
    """

    default_status_code = 400


class TooManyFailedAttemptsException(CognitoServiceError):
    """This exception is thrown when the user has made too many failed attempts for a given action,
    such as sign-in.
    """

    default_status_code = 400


class TooManyRequestsException(CognitoServiceError):
    """This exception is thrown when the user has made too many requests for a given operation."""

    default_status_code = 400


class UnauthorizedException(CognitoServiceError):
    """Exception that is thrown when the request isn't authorized."""

    default_status_code = 400


class UnexpectedLambdaException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito encounters an unexpected exception with Lambda."""

    default_status_code = 400


class UnknownOperationException(CognitoServiceError):
    """The requested operation is not recognised by the service."""

    default_status_code = 400


class UnrecognizedClientException(CognitoServiceError):
    """The security token included in the request is invalid."""

    default_status_code = 400


class UnsupportedIdentityProviderException(CognitoServiceError):
    """This exception is thrown when the specified identifier isn't supported."""

    default_status_code = 400


class UnsupportedOperationException(CognitoServiceError):
    """Exception that is thrown when you attempt to perform an operation that isn't enabled for the
    user pool client.
    """

    default_status_code = 400


class UnsupportedTokenTypeException(CognitoServiceError):
    """Exception that is thrown when an unsupported token is passed to an operation."""

    default_status_code = 400


class UnsupportedUserStateException(CognitoServiceError):
    """The request failed because the user is in an unsupported state."""

    default_status_code = 400


class UserImportInProgressException(CognitoServiceError):
    """This exception is thrown when you're trying to modify a user pool while a user import job is
    in progress for that pool.
    """

    default_status_code = 400


class UserLambdaValidationException(CognitoServiceError):
    """This exception is thrown when the Amazon Cognito service encounters a user validation
    exception with the Lambda service.
    """

    default_status_code = 400


class UserNotConfirmedException(CognitoServiceError):
    """This exception is thrown when a user isn't confirmed successfully."""

    default_status_code = 400


class UserNotFoundException(CognitoServiceError):
    """This exception is thrown when a user isn't found."""

    default_status_code = 400


class UserPoolAddOnNotEnabledException(CognitoServiceError):
    """This exception is thrown when user pool add-ons aren't enabled."""

    default_status_code = 400


class UserPoolTaggingException(CognitoServiceError):
    """This exception is thrown when a user pool tag can't be set or updated."""

    default_status_code = 400


class UsernameExistsException(CognitoServiceError):
    """This exception is thrown when Amazon Cognito encounters a user name that already exists in
    the user pool.
    """

    default_status_code = 400


class ValidationException(CognitoServiceError):
    """The input fails to satisfy the constraints of the operation."""

    default_status_code = 400


class WebAuthnChallengeNotFoundException(CognitoServiceError):
    """This exception is thrown when the challenge from StartWebAuthn registration has expired."""

    default_status_code = 400


class WebAuthnClientMismatchException(CognitoServiceError):
    """This exception is thrown when the access token is for a different client than the one in the
    original StartWebAuthnRegistration request.
    """

    default_status_code = 400


class WebAuthnConfigurationMissingException(CognitoServiceError):
    """This exception is thrown when a user pool doesn't have a configured relying party id or a
    user pool domain.
    """

    default_status_code = 400


class WebAuthnCredentialNotSupportedException(CognitoServiceError):
    """This exception is thrown when a user presents passkey credentials from an unsupported device
    or provider.
    """

    default_status_code = 400


class WebAuthnNotEnabledException(CognitoServiceError):
    """This exception is thrown when the passkey feature isn't enabled for the user pool."""

    default_status_code = 400


class WebAuthnOriginNotAllowedException(CognitoServiceError):
    """This exception is thrown when the passkey credential's registration origin does not align
    with the user pool relying party id.
    """

    default_status_code = 400


class WebAuthnRelyingPartyMismatchException(CognitoServiceError):
    """This exception is thrown when the given passkey credential is associated with a different
    relying party ID than the user pool relying party ID.
    """

    default_status_code = 400


SERVICE_ERRORS: dict[str, type[CognitoServiceError]] = {
    "AccessDeniedException": AccessDeniedException,
    "AliasExistsException": AliasExistsException,
    "CodeDeliveryFailureException": CodeDeliveryFailureException,
    "CodeMismatchException": CodeMismatchException,
    "ConcurrentModificationException": ConcurrentModificationException,
    "DeviceKeyExistsException": DeviceKeyExistsException,
    "DuplicateProviderException": DuplicateProviderException,
    "EnableSoftwareTokenMFAException": EnableSoftwareTokenMFAException,
    "ExpiredCodeException": ExpiredCodeException,
    "FeatureUnavailableInTierException": FeatureUnavailableInTierException,
    "ForbiddenException": ForbiddenException,
    "GroupExistsException": GroupExistsException,
    "IncompleteSignatureException": IncompleteSignatureException,
    "InternalErrorException": InternalErrorException,
    "InternalServerException": InternalServerException,
    "InvalidEmailRoleAccessPolicyException": InvalidEmailRoleAccessPolicyException,
    "InvalidLambdaResponseException": InvalidLambdaResponseException,
    "InvalidOAuthFlowException": InvalidOAuthFlowException,
    "InvalidParameterException": InvalidParameterException,
    "InvalidPasswordException": InvalidPasswordException,
    "InvalidSignatureException": InvalidSignatureException,
    "InvalidSmsRoleAccessPolicyException": InvalidSmsRoleAccessPolicyException,
    "InvalidSmsRoleTrustRelationshipException": InvalidSmsRoleTrustRelationshipException,
    "InvalidUserPoolConfigurationException": InvalidUserPoolConfigurationException,
    "LimitExceededException": LimitExceededException,
    "MFAMethodNotFoundException": MFAMethodNotFoundException,
    "ManagedLoginBrandingExistsException": ManagedLoginBrandingExistsException,
    "MissingAuthenticationTokenException": MissingAuthenticationTokenException,
    "NotAuthorizedException": NotAuthorizedException,
    "OperationNotEnabledException": OperationNotEnabledException,
    "PasswordHistoryPolicyViolationException": PasswordHistoryPolicyViolationException,
    "PasswordResetRequiredException": PasswordResetRequiredException,
    "PreconditionNotMetException": PreconditionNotMetException,
    "RefreshTokenReuseException": RefreshTokenReuseException,
    "ResourceNotFoundException": ResourceNotFoundException,
    "ScopeDoesNotExistException": ScopeDoesNotExistException,
    "SerializationException": SerializationException,
    "ServiceQuotaExceededException": ServiceQuotaExceededException,
    "ServiceUnavailableException": ServiceUnavailableException,
    "SoftwareTokenMFANotFoundException": SoftwareTokenMFANotFoundException,
    "TermsExistsException": TermsExistsException,
    "ThrottlingException": ThrottlingException,
    "TierChangeNotAllowedException": TierChangeNotAllowedException,
    "TooManyFailedAttemptsException": TooManyFailedAttemptsException,
    "TooManyRequestsException": TooManyRequestsException,
    "UnauthorizedException": UnauthorizedException,
    "UnexpectedLambdaException": UnexpectedLambdaException,
    "UnknownOperationException": UnknownOperationException,
    "UnrecognizedClientException": UnrecognizedClientException,
    "UnsupportedIdentityProviderException": UnsupportedIdentityProviderException,
    "UnsupportedOperationException": UnsupportedOperationException,
    "UnsupportedTokenTypeException": UnsupportedTokenTypeException,
    "UnsupportedUserStateException": UnsupportedUserStateException,
    "UserImportInProgressException": UserImportInProgressException,
    "UserLambdaValidationException": UserLambdaValidationException,
    "UserNotConfirmedException": UserNotConfirmedException,
    "UserNotFoundException": UserNotFoundException,
    "UserPoolAddOnNotEnabledException": UserPoolAddOnNotEnabledException,
    "UserPoolTaggingException": UserPoolTaggingException,
    "UsernameExistsException": UsernameExistsException,
    "ValidationException": ValidationException,
    "WebAuthnChallengeNotFoundException": WebAuthnChallengeNotFoundException,
    "WebAuthnClientMismatchException": WebAuthnClientMismatchException,
    "WebAuthnConfigurationMissingException": WebAuthnConfigurationMissingException,
    "WebAuthnCredentialNotSupportedException": WebAuthnCredentialNotSupportedException,
    "WebAuthnNotEnabledException": WebAuthnNotEnabledException,
    "WebAuthnOriginNotAllowedException": WebAuthnOriginNotAllowedException,
    "WebAuthnRelyingPartyMismatchException": WebAuthnRelyingPartyMismatchException,
}
