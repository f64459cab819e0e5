// Legacy (experimentalDecorators) shapes: parameter decorators and decorator factories.
function Injectable(): ClassDecorator {
  return () => {};
}
function Inject(token: string): ParameterDecorator {
  return () => {};
}
function Column(options?: { nullable?: boolean }): PropertyDecorator {
  return () => void options;
}
function Get(path: string): MethodDecorator {
  return (_target, _key, descriptor) => descriptor;
}

@Injectable()
export class UsersController {
  @Column({ nullable: true }) name?: string;

  constructor(
    @Inject('DB') private readonly db: { query(sql: string): Promise<unknown> },
    @Inject('LOGGER') protected logger: Console,
  ) {}

  @Get('/users/:id')
  async find(@Inject('REQ') id: string) {
    return this.db.query(`select * from users where id = ${id}`);
  }

  @Get('/users')
  static list() {
    return [];
  }
}
