// Drives the OFFICIAL amazon-cognito-identity-js through the account operations (README use
// cases 5-8, 11-15) against a live local server: forgotPassword / confirmPassword,
// updateAttributes, changePassword, globalSignOut, verifyAttribute, deleteAttributes,
// deleteUser.
//
// stdin: {"action": "forgot" | "reset" | "verify", "endpoint", "userPoolId", "clientId",
//         "username", "password", "newPassword", "thirdPassword", "newEmail", "code"}
// stdout: one JSON object with one entry per step: {"ok": true, ...values} or
//         {"ok": false, "code": err.code, "name": err.name, "message": err.message}.
//
// Three invocations, because the codes are read (by the Python test) between them.
'use strict';

const {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
} = require('amazon-cognito-identity-js');

function failure(err) {
	return { ok: false, code: err && err.code, name: err && err.name, message: err && err.message };
}

// Node-style callback -> settled step result.
function nodeStep(start, onValue = value => ({ value })) {
	return new Promise(resolve => {
		try {
			start((err, value, extra) => {
				resolve(err ? failure(err) : Object.assign({ ok: true }, onValue(value, extra)));
			});
		} catch (err) {
			resolve(failure(err));
		}
	});
}

// Callback-object style (onSuccess / onFailure / inputVerificationCode) -> settled result.
function objectStep(start) {
	return new Promise(resolve => {
		try {
			start({
				onSuccess: value => resolve({ ok: true, value }),
				onFailure: err => resolve(failure(err)),
				inputVerificationCode: data => resolve({ ok: true, value: data }),
			});
		} catch (err) {
			resolve(failure(err));
		}
	});
}

function signIn(user, password) {
	const details = new AuthenticationDetails({ Username: user.getUsername(), Password: password });
	return objectStep(callbacks => user.authenticateUser(details, callbacks));
}

function attributesOf(user) {
	return nodeStep(
		cb => user.getUserAttributes(cb),
		list => ({ attributes: Object.fromEntries(list.map(a => [a.getName(), a.getValue()])) })
	);
}

function makeUser(input) {
	const pool = new CognitoUserPool({
		UserPoolId: input.userPoolId,
		ClientId: input.clientId,
		endpoint: input.endpoint,
	});
	return new CognitoUser({ Username: input.username, Pool: pool });
}

async function forgot(input) {
	const user = makeUser(input);
	return { forgotPassword: await objectStep(callbacks => user.forgotPassword(callbacks)) };
}

async function reset(input) {
	const user = makeUser(input);
	const out = {};
	out.confirmWrongCode = await objectStep(callbacks =>
		user.confirmPassword('000000' === input.code ? '111111' : '000000', input.newPassword, callbacks)
	);
	out.confirmPassword = await objectStep(callbacks =>
		user.confirmPassword(input.code, input.newPassword, callbacks)
	);
	out.oldPassword = await signIn(makeUser(input), input.password);
	out.signIn = await signIn(user, input.newPassword);
	const changes = [
		new CognitoUserAttribute({ Name: 'name', Value: 'Alice Liddell' }),
		new CognitoUserAttribute({ Name: 'email', Value: input.newEmail }),
	];
	out.updateAttributes = await nodeStep(
		cb => user.updateAttributes(changes, cb),
		(value, result) => ({ value, result })
	);
	out.attributesAfterUpdate = await attributesOf(user);
	out.changePassword = await nodeStep(cb =>
		user.changePassword(input.newPassword, input.thirdPassword, cb)
	);
	out.globalSignOut = await objectStep(callbacks => user.globalSignOut(callbacks));
	// globalSignOut leaves the session in memory: the next call shows the server refusing it.
	out.attributesAfterSignOut = await attributesOf(user);
	return out;
}

async function verify(input) {
	const user = makeUser(input);
	const out = {};
	out.signIn = await signIn(user, input.thirdPassword);
	out.verifyAttribute = await objectStep(callbacks =>
		user.verifyAttribute('email', input.code, callbacks)
	);
	out.deleteAttributes = await nodeStep(cb => user.deleteAttributes(['name'], cb));
	out.attributes = await attributesOf(user);
	out.deleteUser = await nodeStep(cb => user.deleteUser(cb));
	out.signInDeleted = await signIn(makeUser(input), input.thirdPassword);
	return out;
}

async function main() {
	const chunks = [];
	for await (const chunk of process.stdin) {
		chunks.push(chunk);
	}
	const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
	const actions = { forgot, reset, verify };
	if (!actions[input.action]) {
		throw new Error(`unknown action ${input.action}`);
	}
	process.stdout.write(JSON.stringify(await actions[input.action](input)));
}

main().catch(err => {
	process.stderr.write(`${err && err.stack}\n`);
	process.exit(1);
});
