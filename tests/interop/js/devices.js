// Drives the OFFICIAL amazon-cognito-identity-js through remembered devices (use cases 18-22)
// against a live local server whose pool asks SMS MFA, tracks devices and lets the user choose
// to remember one (DeviceOnlyRememberedOnUserPrompt).
//
// stdin: {"endpoint", "userPoolId", "clientId", "username", "password"}
// stdout: one JSON object, one entry per step ({"ok": true, ...} or {"ok": false, ...}), plus
//         "traffic": the device requests the library sent (ConfirmDevice, DEVICE_SRP_AUTH,
//         DEVICE_PASSWORD_VERIFIER, and PASSWORD_VERIFIER's DEVICE_KEY), to pin byte formats.
//
// The SMS codes are read from the server's outbox (GET /_local/messages). The library keeps the
// device keys in its process-wide MemoryStorage, so each new CognitoUser finds them, as a page
// reloaded in a browser would in localStorage.
'use strict';

const traffic = [];
const realFetch = global.fetch;
// Installed before the library loads: isomorphic-unfetch keeps an existing global fetch.
global.fetch = async (url, options) => {
	const target = (options && options.headers && options.headers['X-Amz-Target']) || '';
	const body = options && options.body ? JSON.parse(options.body) : {};
	const response = await realFetch(url, options);
	const status = response.status;
	traffic.push({ operation: target.split('.').pop(), request: body, status });
	return response;
};

const { AuthenticationDetails, CognitoUser, CognitoUserPool } = require('amazon-cognito-identity-js');

function failure(err) {
	return { ok: false, code: err && err.code, message: err && err.message };
}

async function latestCode(input) {
	const query = new URLSearchParams({ pool_id: input.userPoolId, username: input.username });
	const response = await realFetch(`${input.endpoint.replace(/\/$/, '')}/_local/messages?${query}`);
	const messages = (await response.json()).messages;
	return messages[0].code;
}

// A sign-in: SMS MFA answered from the outbox when asked. Resolves with what onSuccess got.
function signIn(pool, input) {
	const user = new CognitoUser({ Username: input.username, Pool: pool });
	return new Promise(resolve => {
		const callbacks = {
			onSuccess: (session, userConfirmationNecessary) =>
				resolve({
					ok: true,
					user,
					valid: session.isValid(),
					userConfirmationNecessary: userConfirmationNecessary === true,
					mfaAsked: callbacks.mfaAsked === true,
				}),
			onFailure: err => resolve({ ...failure(err), user }),
			mfaRequired: () => {
				callbacks.mfaAsked = true;
				latestCode(input).then(code => user.sendMFACode(code, callbacks));
			},
		};
		user.authenticateUser(
			new AuthenticationDetails({ Username: input.username, Password: input.password }),
			callbacks
		);
	});
}

function call(user, method, ...args) {
	return new Promise(resolve => {
		user[method](...args, {
			onSuccess: data => resolve({ ok: true, data }),
			onFailure: err => resolve(failure(err)),
		});
	});
}

function summary(result) {
	const { user, ...rest } = result;
	return { ...rest, deviceKey: user.deviceKey || null };
}

async function main() {
	const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
	const pool = new CognitoUserPool({
		UserPoolId: input.userPoolId,
		ClientId: input.clientId,
		endpoint: input.endpoint,
	});
	const result = { traffic };
	// 1. MFA, then NewDeviceMetadata -> ConfirmDevice -> onSuccess(session, true).
	const first = await signIn(pool, input);
	result.firstSignIn = summary(first);
	// 1b. Confirmed, not remembered yet: MFA, then sendMFACode -> DEVICE_SRP_AUTH (with the
	//     MFA step's Session: the library doesn't keep the new one).
	result.notYetRemembered = summary(await signIn(pool, input));
	result.remember = await call(first.user, 'setDeviceStatusRemembered');
	// 2. The remembered device: PASSWORD_VERIFIER (DEVICE_KEY) -> DEVICE_SRP_AUTH, no MFA.
	const second = await signIn(pool, input);
	result.secondSignIn = summary(second);
	result.listDevices = await call(second.user, 'listDevices', 10, null);
	result.getDevice = await call(second.user, 'getDevice');
	// 3. The device forgotten behind the library's back: its stale key gets "Device does not
	//    exist.", the library retries without it, MFA follows, and a new device is confirmed.
	result.forgetSpecific = await call(second.user, 'forgetSpecificDevice', second.user.deviceKey);
	const third = await signIn(pool, input);
	result.thirdSignIn = summary(third);
	// 4. forgetDevice: the server forgets it and the library clears its keys.
	result.forgetDevice = await call(third.user, 'forgetDevice');
	result.afterForget = await call(third.user, 'listDevices', 10, null);
	result.keysAfterForget = third.user.deviceKey || null;
	process.stdout.write(JSON.stringify(result));
}

main().catch(err => {
	process.stdout.write(JSON.stringify({ crashed: failure(err), traffic }));
});
