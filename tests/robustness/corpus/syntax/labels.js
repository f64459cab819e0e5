export function findPair(matrix, target) {
  let found = null;
  search: for (let i = 0; i < matrix.length; i++) {
    row: for (let j = 0; j < matrix[i].length; j++) {
      if (matrix[i][j] === null) continue row;
      if (matrix[i][j] < 0) continue search;
      if (matrix[i][j] === target) {
        found = [i, j];
        break search;
      }
    }
  }
  block: {
    if (!found) break block;
    console.log('found', found);
  }
  loop: while (true) {
    do {
      break loop;
    } while (false);
  }
  return found;
}
