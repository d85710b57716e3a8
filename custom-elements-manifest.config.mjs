// The analyzer's own settings; the globs and output folder are passed by scripts/entries.mjs.
export default {
  // It would write its output path into package.json: a build changes no tracked file
  // (package.json names custom-elements.json itself).
  packagejson: false,
};
