// Times the OFFICIAL amazon-cognito-identity-js client SRP maths, login by login.
//
// stdin: {"jsDir", "runs", "poolName", "username", "password", "salt", "B", "secretBlock"}
//   jsDir: the folder whose node_modules holds the library (tests/interop/js).
// stdout: {"a_ms": [...], "step_ms": [...], "sample": {"A", "timestamp", "signature"}}
//   a_ms: new AuthenticationHelper(poolName) (draws a, computes A) for each login;
//   step_ms: what CognitoUser.authenticateUserDefaultAuth does with the PASSWORD_VERIFIER
//   challenge: parse B and the salt, getPasswordAuthenticationKey, timestamp, HMAC signature.
'use strict';

const path = require('path');
const { createRequire } = require('module');

function callbackValue(fn) {
	let result;
	let error;
	fn((err, value) => {
		error = err;
		result = value;
	});
	if (error) {
		throw error;
	}
	return result;
}

function loadLibrary(jsDir) {
	const requireFromJs = createRequire(path.join(jsDir, 'package.json'));
	const lib = requireFromJs('amazon-cognito-identity-js');
	const libDir = path.dirname(requireFromJs.resolve('amazon-cognito-identity-js/package.json'));
	const BigInteger = requireFromJs('amazon-cognito-identity-js/lib/BigInteger').default;
	const { Sha256 } = requireFromJs(requireFromJs.resolve('@aws-crypto/sha256-js', { paths: [libDir] }));
	return { lib, BigInteger, Sha256 };
}

function elapsedMs(start) {
	return Number(process.hrtime.bigint() - start) / 1e6;
}

function oneLogin(deps, input) {
	const { lib, BigInteger, Sha256 } = deps;
	const t0 = process.hrtime.bigint();
	const helper = new lib.AuthenticationHelper(input.poolName);
	const largeA = callbackValue(cb => helper.getLargeAValue(cb));
	const aMs = elapsedMs(t0);

	const t1 = process.hrtime.bigint();
	const serverB = new BigInteger(input.B, 16);
	const salt = new BigInteger(input.salt, 16);
	const hkdf = callbackValue(cb =>
		helper.getPasswordAuthenticationKey(input.username, input.password, serverB, salt, cb)
	);
	const timestamp = new lib.DateHelper().getNowString();
	const message = Buffer.concat([
		Buffer.from(input.poolName, 'utf8'),
		Buffer.from(input.username, 'utf8'),
		Buffer.from(input.secretBlock, 'base64'),
		Buffer.from(timestamp, 'utf8'),
	]);
	const hmac = new Sha256(hkdf);
	hmac.update(message);
	const signature = Buffer.from(hmac.digestSync()).toString('base64');
	const stepMs = elapsedMs(t1);
	return { aMs, stepMs, sample: { A: largeA.toString(16), timestamp, signature } };
}

function main() {
	const chunks = [];
	process.stdin.on('data', chunk => chunks.push(chunk));
	process.stdin.on('end', () => {
		const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		const deps = loadLibrary(input.jsDir);
		const output = { a_ms: [], step_ms: [], sample: null };
		for (let i = 0; i < 3; i += 1) {
			oneLogin(deps, input); // warm-up: let V8 compile the hot paths
		}
		for (let i = 0; i < input.runs; i += 1) {
			const login = oneLogin(deps, input);
			output.a_ms.push(login.aMs);
			output.step_ms.push(login.stepMs);
			output.sample = login.sample;
		}
		process.stdout.write(JSON.stringify(output));
	});
}

main();
