/**
 * V8 limits of the production server (`npm start`, `npm run demo`, and the server the tests and the
 * benchmark start). Without them V8 lets the heap grow to hundreds of megabytes under load before
 * collecting (607 MB peak RSS under the benchmark's loads; 333 MB with 192 MB of old space); with
 * these the peak stays under the 300 MB budget at the same throughput. The live heap at rest is
 * about 40 MB: 128 MB of old space leaves three times that for the largest in-process work (a
 * readiness rebuild goes person by person; a CSV of 5,000 people is a few megabytes).
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8']
