export namespace Geometry {
  export const PI = 3.14;
  export namespace Shapes {
    export interface Circle {
      radius: number;
    }
    export function area(c: Circle) {
      return PI * c.radius ** 2;
    }
  }
  export import Area = Shapes.area;
}
namespace Geometry {
  export const E = 2.71;
}
namespace A.B.C {
  export const deep = true;
}
declare namespace Ambient {
  function helper(): void;
  let version: string;
}
module Legacy {
  export const old = 1;
}
export const result = Geometry.Area({ radius: 2 }) + Geometry.E + Number(A.B.C.deep) + Legacy.old;
export type { Ambient as AmbientType };
