export const Deep = () => (
  <div>
    <div>
      <div>
        <div>
          <div>
            <div>
              <div>
                <div>
                  <span>{[1, 2, 3].map((n) => <b key={n}>{n > 1 ? <i>{n}</i> : <u>{n}</u>}</b>)}</span>
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
    </div>
  </div>
);
