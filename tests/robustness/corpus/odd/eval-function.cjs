var code = 'require("fs").createReadStream("/x")';
eval(code);
var indirect = eval;
indirect(code);
var fn = new Function('fs', 'return fs.openSync("/x")');
fn(require('fs'));
Function('return this')();
setTimeout('console.log(1)', 0);
module.exports = fn;
