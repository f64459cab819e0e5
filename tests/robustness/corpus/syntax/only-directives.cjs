'use strict';
'use asm';
