// Jest runs in CommonJS mode and cannot require content-disposition 3, an ES module (type: module) that
// @fastify/static uses for `create()`. Tests get the hoisted CommonJS v2, which exports the same `create()`;
// the built gateway still loads v3 (Node 20 requires ES modules natively).
module.exports = require('../../../node_modules/content-disposition/dist/index.js');
