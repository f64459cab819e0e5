var undeclaredLater;
implicitGlobal = 1;
function hoisted() {
  return inner();
  function inner() {
    return typeof notDefinedAnywhere;
  }
}
if (true) {
  function blockFunction() {
    return 'sloppy block function';
  }
}
var let_ = 1;
var yield_ = 2;
var static_ = 3;
var eval_ = eval('1 + 1');
var octal = 0x10;
var escaped = '\x41';
delete undeclaredLater;
this.exported = hoisted;
exports.value = blockFunction;
module.exports.more = [let_, yield_, static_, eval_, octal, escaped];
