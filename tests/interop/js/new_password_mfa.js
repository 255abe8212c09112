// Drives the OFFICIAL amazon-cognito-identity-js through NEW_PASSWORD_REQUIRED, MFA_SETUP (TOTP)
// and SOFTWARE_TOKEN_MFA against a live local server.
//
// stdin: {"endpoint", "userPoolId", "clientId", "username", "temporaryPassword",
//         "newPassword", "now" (the server's clock, seconds)}
// stdout: one JSON object, one entry per step: {"ok": true, ...} or {"ok": false, ...}.
//
// The test's TOTP codes are computed here (RFC 6238 with node's crypto) at the server's time.
'use strict';

const crypto = require('crypto');
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');

function base32Decode(text) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const c of text.replace(/=+$/, '')) {
		bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
	}
	const bytes = [];
	for (let i = 0; i + 8 <= bits.length; i += 8) {
		bytes.push(parseInt(bits.slice(i, i + 8), 2));
	}
	return Buffer.from(bytes);
}

function totp(secret, seconds) {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
	const mac = crypto.createHmac('sha1', base32Decode(secret)).update(counter).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const value = mac.readUInt32BE(offset) & 0x7fffffff;
	return String(value % 1000000).padStart(6, '0');
}

function failure(err) {
	return { ok: false, code: err && err.code, message: err && err.message };
}

function unexpected(resolve, name) {
	return () => resolve({ ok: false, code: `unexpected callback ${name}` });
}

// First sign-in: temporary password -> new password -> MFA_SETUP -> tokens.
function firstSignIn(user, input, result) {
	return new Promise(resolve => {
		const setup = {
			onSuccess: session => resolve({ ok: true, valid: session.isValid() }),
			onFailure: err => resolve(failure(err)),
			mfaSetup: (name, params) => {
				result.mfaSetup = { ok: true, name, params };
				user.associateSoftwareToken({
					onFailure: err => resolve(failure(err)),
					associateSecretCode: secret => {
						result.secret = secret;
						user.verifySoftwareToken(totp(secret, input.now), 'js-device', setup);
					},
				});
			},
		};
		user.authenticateUser(
			new AuthenticationDetails({ Username: input.username, Password: input.temporaryPassword }),
			{
				onSuccess: unexpected(resolve, 'onSuccess'),
				onFailure: err => resolve(failure(err)),
				newPasswordRequired: (userAttributes, requiredAttributes) => {
					result.newPasswordRequired = { ok: true, userAttributes, requiredAttributes };
					user.completeNewPasswordChallenge(input.newPassword, {}, setup);
				},
			}
		);
	});
}

// Second sign-in: the new password, then the authenticator's next code.
function secondSignIn(user, input, secret) {
	return new Promise(resolve => {
		const callbacks = {
			onSuccess: session => resolve({ ok: true, valid: session.isValid() }),
			onFailure: err => resolve(failure(err)),
			totpRequired: name => {
				user.sendMFACode(totp(secret, input.now + 30), callbacks, name);
			},
			mfaRequired: unexpected(resolve, 'mfaRequired'),
			newPasswordRequired: unexpected(resolve, 'newPasswordRequired'),
		};
		user.authenticateUser(
			new AuthenticationDetails({ Username: input.username, Password: input.newPassword }),
			callbacks
		);
	});
}

async function main() {
	const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
	const pool = new CognitoUserPool({
		UserPoolId: input.userPoolId,
		ClientId: input.clientId,
		endpoint: input.endpoint,
	});
	const result = {};
	const user = new CognitoUser({ Username: input.username, Pool: pool });
	result.firstSignIn = await firstSignIn(user, input, result);
	if (result.secret) {
		const again = new CognitoUser({ Username: input.username, Pool: pool });
		result.secondSignIn = await secondSignIn(again, input, result.secret);
	}
	process.stdout.write(JSON.stringify(result));
}

main().catch(err => {
	process.stdout.write(JSON.stringify({ crashed: failure(err) }));
});
