export function deep(x: number): number {
  if (x > 0) {
    if (x > 1) {
      if (x > 2) {
        if (x > 3) {
          if (x > 4) {
            if (x > 5) {
              if (x > 6) {
                if (x > 7) {
                  if (x > 8) {
                    if (x > 9) {
                      if (x > 10) {
                        if (x > 11) {
                          if (x > 12) {
                            if (x > 13) {
                              if (x > 14) {
                                if (x > 15) {
                                  return ((((((((((((x))))))))))));
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return [[[[[[[[[[x]]]]]]]]]].flat(20)[0] as number;
}
export const arrows = () => () => () => () => () => () => () => () => () => () => () => () => 1;
export const ternaries = (n: number) =>
  n === 0 ? 'a' : n === 1 ? 'b' : n === 2 ? 'c' : n === 3 ? 'd' : n === 4 ? 'e' : n === 5 ? 'f' : n === 6 ? 'g' : 'z';
