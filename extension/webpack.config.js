// Merged by @jupyter/builder into its rspack config (package.json "jupyterlab.webpackConfig").
// @rucio-catalog/protocol is a workspace package shipped as TypeScript source (resolved through its
// symlink to protocol/src), so the bundle compiles it; the extension itself arrives as lib/*.js.
module.exports = {
  resolve: { extensions: [".ts", "..."] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        loader: "builtin:swc-loader",
        options: { jsc: { parser: { syntax: "typescript" }, target: "es2022" } },
        type: "javascript/auto",
      },
    ],
  },
};
