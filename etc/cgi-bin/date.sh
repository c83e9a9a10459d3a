#!/bin/sh
# The CGI example of the Twisted Web documentation: the server's date.
printf 'Content-Type: text/plain\r\n\r\n'
date -u
