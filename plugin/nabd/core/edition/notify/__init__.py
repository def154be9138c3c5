"""Announcing a deploy's new incident updates in chat: which updates are new (``updates``),
what a channel is (``channels``) and the message each service gets (``messages``,
``payloads``). Pure: the command line sends them."""
