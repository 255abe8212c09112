// Drives the OFFICIAL amazon-cognito-identity-js against a live local server, end to end.
//
// stdin: {"action": "signup" | "login", "endpoint", "userPoolId", "clientId",
//         "username", "password", "email", "code" (login only), "wrongCode" (login only)}
// stdout: one JSON object with one entry per step: {"ok": true, ...values} or
//         {"ok": false, "code": err.code, "name": err.name, "message": err.message}.
//
// Two invocations, because the confirmation code is read (by the Python test) between them.
'use strict';

const {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
} = require('amazon-cognito-identity-js');

function failure(err) {
	return {
		ok: false,
		code: err && err.code,
		name: err && err.name,
		message: err && err.message,
	};
}

// Node-style callback -> settled step result.
function nodeStep(start, onValue) {
	return new Promise(resolve => {
		try {
			start((err, value) => {
				if (err) {
					resolve(failure(err));
				} else {
					resolve(Object.assign({ ok: true }, onValue(value)));
				}
			});
		} catch (err) {
			resolve(failure(err));
		}
	});
}

function describeSession(session) {
	const idToken = session.getIdToken();
	const accessToken = session.getAccessToken();
	return {
		valid: session.isValid(),
		idToken: idToken.getJwtToken(),
		idPayload: idToken.decodePayload(),
		accessToken: accessToken.getJwtToken(),
		accessPayload: accessToken.decodePayload(),
		refreshToken: session.getRefreshToken().getToken(),
		clockDrift: session.getClockDrift(),
	};
}

// authenticateUser's callback object -> settled step result; any challenge is a failure here.
function authenticate(user, details) {
	return new Promise(resolve => {
		const unexpected = name => () =>
			resolve({ ok: false, code: `unexpected callback ${name}`, name, message: name });
		try {
			user.authenticateUser(details, {
				onSuccess: (session, userConfirmationNecessary) =>
					resolve(
						Object.assign(
							{
								ok: true,
								username: user.getUsername(),
								userConfirmationNecessary: Boolean(userConfirmationNecessary),
							},
							describeSession(session)
						)
					),
				onFailure: err => resolve(failure(err)),
				newPasswordRequired: unexpected('newPasswordRequired'),
				mfaRequired: unexpected('mfaRequired'),
				totpRequired: unexpected('totpRequired'),
				customChallenge: unexpected('customChallenge'),
				mfaSetup: unexpected('mfaSetup'),
				selectMFAType: unexpected('selectMFAType'),
			});
		} catch (err) {
			resolve(failure(err));
		}
	});
}

function makePool(input) {
	return new CognitoUserPool({
		UserPoolId: input.userPoolId,
		ClientId: input.clientId,
		endpoint: input.endpoint,
	});
}

async function signup(input) {
	const pool = makePool(input);
	const out = {};
	out.signUp = await nodeStep(
		cb =>
			pool.signUp(
				input.username,
				input.password,
				[new CognitoUserAttribute({ Name: 'email', Value: input.email })],
				null,
				cb
			),
		result => ({
			username: result.user.getUsername(),
			userConfirmed: result.userConfirmed,
			userSub: result.userSub,
			codeDeliveryDetails: result.codeDeliveryDetails,
		})
	);
	out.signUpAgain = await nodeStep(
		cb =>
			pool.signUp(
				input.username,
				input.password,
				[new CognitoUserAttribute({ Name: 'email', Value: input.email })],
				null,
				cb
			),
		() => ({})
	);
	const user = new CognitoUser({ Username: input.username, Pool: pool });
	out.loginUnconfirmed = await authenticate(
		user,
		new AuthenticationDetails({ Username: input.username, Password: input.password })
	);
	return out;
}

async function login(input) {
	const pool = makePool(input);
	const out = {};
	const details = new AuthenticationDetails({
		Username: input.username,
		Password: input.password,
	});

	const confirming = new CognitoUser({ Username: input.username, Pool: pool });
	out.confirmWrongCode = await nodeStep(
		cb => confirming.confirmRegistration(input.wrongCode, true, cb),
		result => ({ result })
	);
	out.confirm = await nodeStep(
		cb => confirming.confirmRegistration(input.code, true, cb),
		result => ({ result })
	);

	// Default flow: USER_SRP_AUTH + PASSWORD_VERIFIER, maths by the library.
	const srpUser = new CognitoUser({ Username: input.username, Pool: pool });
	out.srp = await authenticate(srpUser, details);

	out.srpWrongPassword = await authenticate(
		new CognitoUser({ Username: input.username, Pool: pool }),
		new AuthenticationDetails({ Username: input.username, Password: `${input.password}x` })
	);
	out.srpUnknownUser = await authenticate(
		new CognitoUser({ Username: `nobody-${input.username}`, Pool: pool }),
		new AuthenticationDetails({ Username: `nobody-${input.username}`, Password: input.password })
	);

	// USER_PASSWORD_AUTH.
	const plainUser = new CognitoUser({ Username: input.username, Pool: pool });
	plainUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
	out.userPassword = await authenticate(plainUser, details);

	const plainWrong = new CognitoUser({ Username: input.username, Pool: pool });
	plainWrong.setAuthenticationFlowType('USER_PASSWORD_AUTH');
	out.userPasswordWrong = await authenticate(
		plainWrong,
		new AuthenticationDetails({ Username: input.username, Password: `${input.password}x` })
	);

	// The tokens of the last successful login are cached in the (memory) storage.
	const current = pool.getCurrentUser();
	out.currentUser = { ok: current !== null, username: current && current.getUsername() };
	out.getSession = await nodeStep(cb => current.getSession(cb), describeSession);

	out.getUserAttributes = await nodeStep(
		cb => current.getUserAttributes(cb),
		attributes => ({
			attributes: Object.fromEntries(attributes.map(a => [a.getName(), a.getValue()])),
		})
	);

	const refreshToken = current.getSignInUserSession().getRefreshToken();
	out.refreshSession = await nodeStep(
		cb => current.refreshSession(refreshToken, cb),
		describeSession
	);
	// getSession again: served from the refreshed cache, no request.
	out.getSessionAfterRefresh = await nodeStep(cb => current.getSession(cb), describeSession);
	return out;
}

async function main() {
	const chunks = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk);
	}
	const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	const actions = { signup, login };
	if (!actions[input.action]) {
		throw new Error(`unknown action ${input.action}`);
	}
	const out = await actions[input.action](input);
	process.stdout.write(JSON.stringify(out));
}

main().catch(err => {
	process.stderr.write(`${err && err.stack}\n`);
	process.exit(1);
});
