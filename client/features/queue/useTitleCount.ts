import {useEffect} from 'react';

/** Shows "(N) Tandem" in a backgrounded tab's title while N cards are unread. */
export function useTitleCount(unread: number) {
  useEffect(() => {
    const update = () => {
      document.title = document.hidden && unread > 0 ? `(${unread}) Tandem` : 'Tandem';
    };
    update();
    document.addEventListener('visibilitychange', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      document.title = 'Tandem';
    };
  }, [unread]);
}
