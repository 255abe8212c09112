// Runs the OFFICIAL amazon-cognito-identity-js SRP code on inputs chosen by the Python tests.
//
// stdin: one JSON object
//   {
//     "srp":     [{poolName, username, password, aRandom, salt, B, secretBlock, timestamp}, ...],
//     "devices": [{deviceGroupKey, deviceKey, random}, ...],
//     "dates":   [<milliseconds since the epoch>, ...],
//     "pads":    ["<hex, '-' in front when negative>", ...]
//   }
//   aRandom / random are hex strings: the bytes the library's secure random source will hand
//   out (we replace crypto.getRandomValues, which the library captured at load time, with a
//   queue), so the library draws its own private value a / device password / device salt and
//   the Python side knows them in advance.
// stdout: one JSON object {"srp": [...], "devices": [...], "dates": [...], "pads": [...]} with every
//   intermediate value the library computed, in hex (lowercase) or base64.
'use strict';

const path = require('path');

// Feed the library's randomness from a queue (must happen before the library loads).
let randomQueue = Buffer.alloc(0);
const webcrypto = globalThis.crypto;
webcrypto.getRandomValues = array => {
	if (!(array instanceof Uint32Array)) {
		throw new Error('srp_check.js: unexpected getRandomValues argument');
	}
	for (let i = 0; i < array.length; i += 1) {
		if (randomQueue.length < 4) {
			throw new Error('srp_check.js: the library asked for more random bytes than given');
		}
		array[i] = randomQueue.readUInt32BE(0);
		randomQueue = randomQueue.subarray(4);
	}
	return array;
};
function feed(hex) {
	randomQueue = Buffer.from(hex, 'hex');
}
function assertQueueEmpty(what) {
	if (randomQueue.length !== 0) {
		throw new Error(`srp_check.js: ${what} left ${randomQueue.length} random bytes unused`);
	}
}

const lib = require('amazon-cognito-identity-js');
const libDir = path.dirname(require.resolve('amazon-cognito-identity-js/package.json'));
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
// The HMAC/SHA-256 implementation the library itself uses (its own dependency).
const { Sha256 } = require(require.resolve('@aws-crypto/sha256-js', { paths: [libDir] }));

const { AuthenticationHelper, DateHelper } = lib;

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

function runSrp(c) {
	feed(c.aRandom);
	const helper = new AuthenticationHelper(c.poolName);
	assertQueueEmpty('new AuthenticationHelper');
	const largeA = callbackValue(cb => helper.getLargeAValue(cb));
	const serverB = new BigInteger(c.B, 16);
	const salt = new BigInteger(c.salt, 16);

	// Record x and S as getPasswordAuthenticationKey hands them to calculateS (it keeps neither).
	let x;
	let S;
	const calculateS = helper.calculateS.bind(helper);
	helper.calculateS = (xValue, bValue, callback) =>
		calculateS(xValue, bValue, (err, sValue) => {
			x = xValue;
			S = sValue;
			callback(err, sValue);
		});

	const hkdf = callbackValue(cb =>
		helper.getPasswordAuthenticationKey(c.username, c.password, serverB, salt, cb)
	);

	// PASSWORD_CLAIM_SIGNATURE exactly as CognitoUser.authenticateUserDefaultAuth builds it.
	const message = Buffer.concat([
		Buffer.from(c.poolName, 'utf8'),
		Buffer.from(c.username, 'utf8'),
		Buffer.from(c.secretBlock, 'base64'),
		Buffer.from(c.timestamp, 'utf8'),
	]);
	const hmac = new Sha256(hkdf);
	hmac.update(message);
	const signature = Buffer.from(hmac.digestSync()).toString('base64');

	return {
		a: helper.getSmallAValue().toString(16),
		A: largeA.toString(16),
		k: helper.k.toString(16),
		u: helper.UValue.toString(16),
		x: x.toString(16),
		S: S.toString(16),
		hkdf: Buffer.from(hkdf).toString('hex'),
		signature,
	};
}

function runDevice(d) {
	feed(d.random);
	// The constructor draws the private value a first, then generateHashDevice draws 40 bytes
	// for the random password and 16 for the salt.
	const helper = new AuthenticationHelper(d.deviceGroupKey);
	callbackValue(cb => helper.generateHashDevice(d.deviceGroupKey, d.deviceKey, cb));
	assertQueueEmpty('generateHashDevice');
	return {
		randomPassword: helper.getRandomPassword(),
		salt: helper.getSaltDevices(),
		verifier: helper.getVerifierDevices(),
	};
}

function runDate(ms) {
	const RealDate = Date;
	// DateHelper reads `new Date()`: make that one moment for the duration of the call.
	class FixedDate extends RealDate {
		constructor(...args) {
			if (args.length === 0) {
				super(ms);
			} else {
				super(...args);
			}
		}
	}
	global.Date = FixedDate;
	try {
		return new DateHelper().getNowString();
	} finally {
		global.Date = RealDate;
	}
}

let padHelper;
function runPad(hex) {
	if (!padHelper) {
		feed('11'.repeat(128)); // the constructor draws a private value; any will do here
		padHelper = new AuthenticationHelper('pads');
	}
	return padHelper.padHex(new BigInteger(hex, 16));
}

function main() {
	const chunks = [];
	process.stdin.on('data', chunk => chunks.push(chunk));
	process.stdin.on('end', () => {
		const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		const output = {
			srp: (input.srp || []).map(runSrp),
			devices: (input.devices || []).map(runDevice),
			dates: (input.dates || []).map(runDate),
			pads: (input.pads || []).map(runPad),
		};
		process.stdout.write(JSON.stringify(output));
	});
}

main();
